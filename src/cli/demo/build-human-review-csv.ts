import type { Level } from '../../domain/types.ts';
import { levelToScore } from '../../domain/weighted-overall.ts';
import type { DemoCall } from './build-demo-calls.ts';
import { createRng, hashSeed } from './create-rng.ts';

/** The demo's reviewer: made up, and named so in the CSV, the database and every output that shows it. */
export const DEMO_REVIEWER = 'Made-up demo reviewer';

/** Said wherever the demo shows its human reviews or the agreement computed from them. */
export const DEMO_REVIEWS_NOTE =
  'made-up reviews: no person rated these calls; the levels are drawn at random, independent of the transcripts and the scorer, ' +
  'to show the workflow. Their agreement with the AI says nothing about the scorer: import your QA team’s re-scores for that.';

/** How often a QA reviewer gives each level on a 1–5 anchored scale (most calls in the middle). */
const LEVEL_SHARES: readonly [Level, number][] = [
  [1, 0.05],
  [2, 0.15],
  [3, 0.35],
  [4, 0.3],
  [5, 0.15],
];

const drawLevel = (u: number): Level => {
  let total = 0;
  for (const [level, share] of LEVEL_SHARES) {
    total += share;
    if (u < total) return level;
  }
  return 5;
};

/**
 * Made-up re-scores of a sample of baseline calls, as a score CSV for `import-scores`. Each level is drawn
 * from the call's id and the criterion alone: nothing here reads the call's plan, its transcript or a
 * score, so the agreement the demo computes from them is not built in (it hovers around chance). The
 * sample is of agents whose if/then rule does not lean on these calls, so the review cannot move a rule
 * (a human score counts in place of the AI one).
 */
export const buildHumanReviewCsv = (
  calls: readonly DemoCall[],
  options: { agents: readonly string[]; perAgent: number; seed: number; criteria: readonly string[] },
): string => {
  const sampler = createRng(hashSeed(`${options.seed}:human-review`));
  const rows = ['external_id,agent,call_type,kind,occurred_at,criterion,score,source,reviewer'];
  for (const agent of options.agents) {
    const pool = calls.filter((call) => call.agent === agent && call.phase === 'baseline');
    const sample = sampler
      .shuffle(pool)
      .slice(0, options.perAgent)
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    for (const call of sample) {
      for (const criterion of options.criteria) {
        const level = drawLevel(createRng(hashSeed(`${options.seed}:made-up:${call.externalId}:${criterion}`)).next());
        rows.push(
          [
            call.externalId,
            call.agent,
            call.callType,
            call.kind,
            call.occurredAt.toISOString(),
            criterion,
            levelToScore(level),
            'human',
            `"${DEMO_REVIEWER}"`,
          ].join(','),
        );
      }
    }
  }
  return `${rows.join('\n')}\n`;
};
