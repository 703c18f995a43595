import type { Level } from '../../domain/types.ts';
import { levelToScore } from '../../domain/weighted-overall.ts';
import type { DemoCall } from './build-demo-calls.ts';
import { createRng, hashSeed } from './create-rng.ts';

export const DEMO_REVIEWER = 'Priya Nair (QA)';

/** The level a trained human evaluator gives each criterion of a demo call, from what the call was built to show. */
const plannedLevels = (call: DemoCall): Record<string, Level> => {
  const { behaviours, empathyMiss, frustration, unresolvedLine } = call.plan;
  return {
    empathy: behaviours.empathy ? 5 : empathyMiss === 'stock' ? 2 : frustration === 'none' ? 3 : 1,
    active_listening: behaviours.listening ? 5 : 2,
    tone_consistency: behaviours.tone ? 5 : 1,
    problem_resolution: behaviours.resolution ? 5 : unresolvedLine === 0 ? 1 : 2,
    close_follow_through: behaviours.close ? 5 : 2,
  };
};

/**
 * A QA reviewer's re-scores of a sample of baseline calls, as a score CSV for `import-scores`: the level
 * the call was built to show, and now and then one level nearer the middle, as human raters tend to.
 * The sample is of agents whose if/then rule does not lean on these calls, so the review cannot move a
 * rule (a human score counts in place of the AI one).
 */
export const buildHumanReviewCsv = (calls: readonly DemoCall[], options: { agents: readonly string[]; perAgent: number; seed: number }): string => {
  const rng = createRng(hashSeed(`${options.seed}:human-review`));
  const rows = ['external_id,agent,call_type,kind,occurred_at,criterion,score,source,reviewer'];
  for (const agent of options.agents) {
    const pool = calls.filter((call) => call.agent === agent && call.phase === 'baseline');
    const sample = rng.shuffle(pool).slice(0, options.perAgent).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    for (const call of sample) {
      for (const [criterion, level] of Object.entries(plannedLevels(call))) {
        const human = (rng.next() < 0.2 ? level + Math.sign(3 - level) : level) as Level;
        rows.push(
          [call.externalId, call.agent, call.callType, call.kind, call.occurredAt.toISOString(), criterion, levelToScore(human), 'human', `"${DEMO_REVIEWER}"`].join(','),
        );
      }
    }
  }
  return `${rows.join('\n')}\n`;
};
