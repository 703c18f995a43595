/**
 * The digest tests' shared scenario on a real database: the example config (team northside, channel
 * C0NORTHSIDE, manager Maya U0MAYA0001, agents Ana…Eli) and imported scores in which Ana (AG-101)
 * becomes ready for basic_inbound in the week of Mon 31 Aug 2026 (her second batch reaches 15 calls
 * on Fri 4 Sep) and Ben (AG-102) improved then dropped: not ready, and needing a reinforcement session.
 */
import { loadConfig, type Config } from '../../src/config/config-file.ts';
import type { Database } from '../../src/db/client.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { all, calls, daily, PERIOD, scoresCsv, spaced, type ScenarioCall } from '../support/score-scenarios.ts';
import { tableLines } from '../slack/table-lines.ts';

/** Monday 7 Sep 2026, 09:00 in Chicago: the digest of 2026-W36 (31 Aug – 6 Sep), when Ana became ready. */
export const DIGEST_NOW = new Date('2026-09-07T14:00:00.000Z');
/** A week later: the digest of 2026-W37, when no one became ready. */
export const NEXT_WEEK = new Date('2026-09-14T14:00:00.000Z');

export const CHANNEL = 'C0NORTHSIDE';
export const MAYA = 'U0MAYA0001';
export const READY_AGENT = 'Ana Ruiz';
/** Every agent of the team who is not ready: none of them may appear in the channel copy. */
export const NOT_READY_AGENTS = ['Ben Okafor', 'Chloe Martin', 'Dev Patel', 'Eli Brooks'];

const baseline = (agent: string, score = 60): ScenarioCall[] => calls({ agent, at: daily('2026-07-01', 20), scores: all(score) });
const batch = (agent: string, k: number, score: number): ScenarioCall[] =>
  calls({ agent, at: spaced(PERIOD[k] as string, 15), scores: all(score) });

export const DIGEST_SCENARIO: ScenarioCall[][] = [
  baseline('AG-101'),
  batch('AG-101', 0, 80),
  batch('AG-101', 1, 82),
  baseline('AG-102'),
  batch('AG-102', 0, 90),
  batch('AG-102', 1, 70),
  // Roleplay during training well above Ben's live calls: a team-level roleplay-vs-live gap.
  calls({ agent: 'AG-102', kind: 'roleplay', at: daily('2026-08-04', 6), scores: all(95) }),
];

/** Applies the example config and imports the scenario into `db`; returns services and config. */
export const seedDigestScenario = async (db: Database, now: Date = DIGEST_NOW): Promise<{ services: Services; config: Config }> => {
  const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => now });
  const config = await loadConfig(EXAMPLE_CONFIG);
  await applyConfig(services, config);
  await importScores(services, scoresCsv(DIGEST_SCENARIO));
  return { services, config };
};

interface Block {
  type: string;
  text?: { text: string };
  elements?: { text?: string }[];
}

/** Every text of a posted message (fallback, blocks, table rows), joined. */
export const postedText = (args: Record<string, unknown>): string =>
  [
    String(args.text ?? ''),
    ...((args.blocks as Block[] | undefined) ?? []).flatMap((block) => [
      block.text?.text ?? '',
      ...(block.elements ?? []).map((e) => e.text ?? ''),
    ]),
    ...tableLines(args.blocks as unknown[] | undefined),
  ].join('\n');
