import { FRUSTRATION_LEVELS } from '../../domain/types.ts';
import type { ScoringOutput } from '../scoring-output-schema.ts';

export interface CombinedSamples {
  /** One answer: per criterion the median level, with the quotes and rationale of a sample that gave it. */
  output: ScoringOutput;
  /** Criteria whose samples disagree by more than one level (or on whether it applies), with every sample's level. */
  disagreements: Map<string, (number | null)[]>;
}

/** The lower median: with an even count the lower middle value, so a split never rounds a score up. */
const lowerMedian = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

/**
 * Combines N answers to the same request (`scoring.samples: N`). Per criterion: not applicable when most
 * samples say so, else the lower median of the levels given; the quotes and rationale come from the
 * first sample at that level. Samples more than one level apart, or split on whether the criterion
 * applies, are a disagreement: the caller marks that criterion low-confidence. Frustration is the lower
 * median (none < mild < high), the call type the most frequent (earliest on a tie), the summary the first.
 */
export const combineScoreSamples = (samples: readonly ScoringOutput[]): CombinedSamples => {
  const [first] = samples;
  if (first === undefined) throw new Error('combineScoreSamples needs at least one sample');
  const disagreements = new Map<string, (number | null)[]>();
  const criteria: ScoringOutput['criteria'] = {};
  for (const key of Object.keys(first.criteria)) {
    const answers = samples.map((sample) => sample.criteria[key]!);
    const levels = answers.map((answer) => answer.level);
    const given = levels.filter((level): level is number => level !== null);
    const level = levels.length - given.length > given.length ? null : lowerMedian(given);
    const spread = given.length === 0 ? 0 : Math.max(...given) - Math.min(...given);
    if (spread > 1 || (given.length > 0 && given.length < levels.length)) disagreements.set(key, levels);
    criteria[key] = answers.find((answer) => answer.level === level) ?? first.criteria[key]!;
  }
  const frustration = FRUSTRATION_LEVELS[lowerMedian(samples.map((sample) => FRUSTRATION_LEVELS.indexOf(sample.frustration)))]!;
  const callTypes = samples.map((sample) => sample.callType).filter((callType): callType is string => callType !== undefined);
  const callType = callTypes.reduce<string | undefined>(
    (best, candidate) =>
      best === undefined || callTypes.filter((c) => c === candidate).length > callTypes.filter((c) => c === best).length ? candidate : best,
    undefined,
  );
  return {
    output: { ...(callType === undefined ? {} : { callType }), frustration, criteria, summary: first.summary },
    disagreements,
  };
};
