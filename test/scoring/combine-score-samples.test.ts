import { describe, expect, it } from 'vitest';
import { combineScoreSamples } from '../../src/scoring/llm/combine-score-samples.ts';
import type { ScoringOutput } from '../../src/scoring/scoring-output-schema.ts';

const sample = (levels: Record<string, number | null>, extra: Partial<ScoringOutput> = {}): ScoringOutput => ({
  frustration: 'none',
  criteria: Object.fromEntries(
    Object.entries(levels).map(([key, level]) => [
      key,
      { evidence: [`quote for ${key} at ${level}`], rationale: `${key} at ${level}`, level },
    ]),
  ),
  summary: 'first',
  ...extra,
});

const CASES: { when: string; levels: (number | null)[]; median: number | null; disagree: boolean }[] = [
  { when: 'one sample', levels: [4], median: 4, disagree: false },
  { when: 'three samples agree', levels: [3, 3, 3], median: 3, disagree: false },
  { when: 'three samples one level apart', levels: [4, 3, 4], median: 4, disagree: false },
  { when: 'three samples two levels apart', levels: [2, 4, 4], median: 4, disagree: true },
  { when: 'an outlier four levels away', levels: [5, 5, 1], median: 5, disagree: true },
  { when: 'an even count splits (the lower middle is kept)', levels: [3, 4], median: 3, disagree: false },
  { when: 'four samples split 2/5', levels: [2, 5, 5, 2], median: 2, disagree: true },
  { when: 'most samples say not applicable', levels: [null, null, 4], median: null, disagree: true },
  { when: 'a minority says not applicable', levels: [4, null, 4], median: 4, disagree: true },
  { when: 'all say not applicable', levels: [null, null, null], median: null, disagree: false },
];

describe('combineScoreSamples', () => {
  it.each(CASES)('when $when ($levels), then the level is $median and disagreement is $disagree', ({ levels, median, disagree }) => {
    const { output, disagreements } = combineScoreSamples(levels.map((level) => sample({ empathy: level, tone: 3 })));
    expect(output.criteria.empathy?.level).toBe(median);
    expect(output.criteria.empathy?.rationale).toBe(`empathy at ${median}`);
    expect(disagreements.has('empathy')).toBe(disagree);
    expect(disagreements.get('empathy') ?? levels).toEqual(levels);
    expect(disagreements.has('tone')).toBe(false);
  });

  it('when samples differ in frustration and call type, then frustration is the lower median and the call type the most frequent', () => {
    const { output } = combineScoreSamples([
      sample({ empathy: 3 }, { frustration: 'high', callType: 'basic_inbound', summary: 'first' }),
      sample({ empathy: 3 }, { frustration: 'mild', callType: 'escalation', summary: 'second' }),
      sample({ empathy: 3 }, { frustration: 'none', callType: 'escalation', summary: 'third' }),
    ]);
    expect(output).toMatchObject({ frustration: 'mild', callType: 'escalation', summary: 'first' });
  });
});
