/**
 * Readiness scenarios as import-scores CSVs: describe who had which calls when, with which scores, and
 * get a file for `floorready import-scores <file>`.
 *
 *   const file = await writeScenario([
 *     calls({ agent: 'AG-101', at: daily('2026-07-01', 20), scores: all(60) }),              // baseline
 *     calls({ agent: 'AG-101', at: daily(PERIOD[0], 15), scores: all(75) }),                 // batch 1
 *     calls({ agent: 'AG-101', at: daily(PERIOD[1], 15), scores: { ...all(75), empathy: 74 } }),
 *   ]);
 *
 * Dates are those of the example config's program empathy-2026 (starts 2026-08-03, completes
 * 2026-08-14; `YYYY-MM-DD` in the config and in the CSV is 00:00 UTC), so post-training period k is
 * [2026-08-14 + 14k days, 2026-08-14 + 14(k+1) days).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, expect } from 'vitest';

import { jsonOf, runFloorready, type CliRun } from './cli.ts';
import { tempDir } from './temp-dir.ts';
import { openSnapshot, snapshotDatabase, type DatabaseSnapshot, type TestDatabase, type TestDatabaseKind } from './database.ts';

/** The criteria of the default rubric (the example config), in rubric order. */
export const CRITERIA = ['empathy', 'active_listening', 'tone_consistency', 'problem_resolution', 'close_follow_through'] as const;
export type CriterionKey = (typeof CRITERIA)[number];

export const PROGRAM_START = '2026-08-03T00:00:00.000Z';
export const PROGRAM_COMPLETE = '2026-08-14T00:00:00.000Z';
const DAY_MS = 86_400_000;

/** Start of post-training period k (14 days each from completion), as an ISO instant. */
export const periodStart = (k: number): string => new Date(Date.parse(PROGRAM_COMPLETE) + k * 14 * DAY_MS).toISOString();
/** The first three periods: 2026-08-14, 2026-08-28, 2026-09-11. */
export const PERIOD = [periodStart(0), periodStart(1), periodStart(2)] as const;

/** A fixed "now" after the periods above (every test passes it to the CLI). */
export const NOW = new Date('2026-10-01T12:00:00.000Z');

/** Every criterion at the same score. */
export const all = (score: number): Record<CriterionKey, number> =>
  Object.fromEntries(CRITERIA.map((key) => [key, score])) as Record<CriterionKey, number>;

/**
 * Scores that vary from call to call around `base` (call `i` of a batch): each criterion its own cycle, and a
 * low resolution on the fifth call, so means, spreads and the lowest moments differ by criterion.
 */
export const variedScores =
  (base: number) =>
  (i: number): Record<CriterionKey, number> => ({
    empathy: Math.min(100, base + (i % 4) * 6),
    active_listening: Math.min(100, base + 15 - (i % 3) * 5),
    tone_consistency: Math.min(100, base + (i % 5) * 3),
    problem_resolution: i === 4 ? base - 30 : base + (i % 2) * 10,
    close_follow_through: Math.min(100, base + 12),
  });

/**
 * `count` instants starting at `start` (a date or ISO instant), `stepHours` apart (default 12 h, so 15
 * calls span 7 days and stay inside one 14-day period when started at a period start).
 */
export const spaced = (start: string, count: number, stepHours = 12): string[] => {
  const origin = Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start);
  // Start one hour in, so no call sits exactly on a period boundary unless a test asks for it.
  return Array.from({ length: count }, (_, i) => new Date(origin + 3_600_000 + i * stepHours * 3_600_000).toISOString());
};

/** `count` instants one day apart from `start` (first one at 01:00 UTC). */
export const daily = (start: string, count: number): string[] => spaced(start, count, 24);

export type Scores = Partial<Record<CriterionKey, number>>;

export interface ScenarioCall {
  externalId: string;
  agent: string;
  callType: string;
  kind: 'live' | 'roleplay';
  occurredAt: string;
  /** AI scores of the call. */
  scores: Scores;
  /** Human re-scores kept beside the AI ones. */
  human?: { reviewer: string; scores: Scores };
}

let sequence = 0;

export interface CallsSpec {
  agent: string;
  /** Default basic_inbound. */
  callType?: string;
  /** Default live. */
  kind?: 'live' | 'roleplay';
  at: readonly string[];
  /** The same scores for every call, or per call (index in `at`). */
  scores: Scores | ((index: number) => Scores);
  /** External id prefix; default a unique one. Ids are `<prefix>-<n>` with n from 1. */
  idPrefix?: string;
}

/** Calls of one agent, call type and kind at the given instants. */
export const calls = (spec: CallsSpec): ScenarioCall[] => {
  const prefix = spec.idPrefix ?? `S${++sequence}-${spec.agent}-${spec.callType ?? 'basic_inbound'}-${spec.kind ?? 'live'}`;
  return spec.at.map((occurredAt, index) => ({
    externalId: `${prefix}-${index + 1}`,
    agent: spec.agent,
    callType: spec.callType ?? 'basic_inbound',
    kind: spec.kind ?? 'live',
    occurredAt,
    scores: typeof spec.scores === 'function' ? spec.scores(index) : spec.scores,
  }));
};

const cell = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The import-scores CSV of these calls: one row per criterion score (AI rows, then human rows). */
export const scoresCsv = (scenario: readonly (ScenarioCall | readonly ScenarioCall[])[]): string => {
  const header = 'external_id,agent,call_type,kind,occurred_at,criterion,score,source,reviewer';
  const rows: string[] = [];
  for (const call of scenario.flat() as ScenarioCall[]) {
    const row = (criterion: string, score: number, source: 'ai' | 'human', reviewer: string) =>
      [call.externalId, call.agent, call.callType, call.kind, call.occurredAt, criterion, String(score), source, reviewer]
        .map(cell)
        .join(',');
    for (const [criterion, score] of Object.entries(call.scores)) rows.push(row(criterion, score as number, 'ai', ''));
    if (call.human)
      for (const [criterion, score] of Object.entries(call.human.scores))
        rows.push(row(criterion, score as number, 'human', call.human.reviewer));
  }
  return `${[header, ...rows].join('\n')}\n`;
};

const writeCsv = async (csv: string): Promise<string> => {
  const dir = await tempDir('floorready-scores-');
  const file = path.join(dir, 'scores.csv');
  await writeFile(file, csv);
  return file;
};

/** Writes the scenario's CSV to a new temp file and returns its absolute path. */
export const writeScenario = async (scenario: readonly (ScenarioCall | readonly ScenarioCall[])[]): Promise<string> =>
  writeCsv(scoresCsv(scenario));

// ---------------------------------------------------------------- running scenarios through the CLI

/** The parts of `readiness --json` the scenario tests read. */
export interface ReadinessJson {
  agent: { id: string; key: string; name: string };
  program: { key: string; startsAt: string; completesAt: string; targetedCriteria: string[] } | null;
  callTypes: CallTypeJson[];
  recommendations: RecommendationJson[];
  [key: string]: unknown;
}

export interface CallTypeJson {
  callType: string;
  status: 'insufficient_data' | 'not_ready' | 'ready' | 'approved';
  statusReason: string;
  reasonCode: string;
  baseline: Record<string, unknown> & { calls: number; sufficient: boolean };
  batches: { start: string; end: string; calls: number; overall: number | null; criteria: Record<string, number> }[];
  incompletePeriods: { start: string; end: string; calls: number }[];
  current: { overall: number | null; criteria: Record<string, number> } | null;
  checks: { criterion: string; threshold: number; met: boolean; gap: number | null }[];
  approval: { approvedBy: string; approvedAt: string } | null;
}

export interface RecommendationJson {
  rule: string;
  scope: 'agent' | 'team';
  callType?: string;
  criterion?: string;
  teamWide?: boolean;
  message: string;
  evidence: Record<string, unknown>;
  dedupeKey: string;
}

export interface TeamJson {
  team: { key: string };
  agents: ReadinessJson[];
  findings: { criterion: string; teamMean: number | null; agentsWithData: number; agentsBelow: number; fired: boolean }[];
  recommendations: RecommendationJson[];
}

export interface ScenarioCli {
  db: () => TestDatabase;
  run: (...argv: string[]) => Promise<CliRun>;
  /** Imports the scenario through `import-scores` and expects success. */
  load: (...scenario: (ScenarioCall | readonly ScenarioCall[])[]) => Promise<void>;
  readiness: (agent: string, ...more: string[]) => Promise<ReadinessJson>;
  team: (team?: string) => Promise<TeamJson>;
  /** The call type entry of `readiness <agent> --json` (default basic_inbound). */
  callType: (agent: string, callType?: string) => Promise<CallTypeJson>;
}

/**
 * Scenarios this worker has loaded into a fresh database, by provider, `now` and CSV: seen once, or seen
 * again and kept as a snapshot of the database right after its import. The import is the same every
 * time (the example config, the same file, the same `now`), so a third test that loads it starts from a
 * copy of the snapshot instead of importing it again (ADR 0049): a test's first import of a scenario, and
 * every later `load` in a test, still go through `floorready import-scores`.
 */
const scenarioImports = new Map<string, 'seen' | Promise<DatabaseSnapshot>>();

/**
 * Inside a describeEachDatabase suite: a fresh database per test and CLI shortcuts with a fixed `now`.
 * A test's first `load` into its still-empty database may start it from a snapshot of the same import
 * made by an earlier test of this worker (see `scenarioImports`).
 */
export const useScenarioCli = (database: TestDatabaseKind, now: Date = NOW): ScenarioCli => {
  let db: TestDatabase | undefined;
  const open = async (): Promise<TestDatabase> => (db ??= await database.open());
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });
  const run = async (...argv: string[]) => runFloorready(argv, { databaseUrl: (await open()).url, now: () => now });
  const ok = async (...argv: string[]) => {
    const result = await run(...argv);
    expect(result.code, `floorready ${argv.join(' ')}\n${result.stdout}\n${result.stderr}`).toBe(0);
    return result;
  };
  const readiness = async (agent: string, ...more: string[]) => jsonOf<ReadinessJson>(await ok('readiness', agent, ...more, '--json'));
  return {
    db: () => {
      if (!db) throw new Error('no database yet: run a command first');
      return db;
    },
    run,
    load: async (...scenario) => {
      const csv = scoresCsv(scenario);
      if (db !== undefined) {
        await ok('import-scores', await writeCsv(csv));
        return;
      }
      const key = `${database.name}\n${now.toISOString()}\n${csv}`;
      const known = scenarioImports.get(key);
      if (known !== undefined && known !== 'seen') {
        db = await openSnapshot(await known);
        return;
      }
      await ok('import-scores', await writeCsv(csv));
      if (known === undefined) {
        scenarioImports.set(key, 'seen');
        return;
      }
      const snapshot = snapshotDatabase(await open());
      scenarioImports.set(key, snapshot);
      await snapshot.catch(() => scenarioImports.delete(key));
      await snapshot;
    },
    readiness,
    team: async (team = 'northside') => jsonOf<TeamJson>(await ok('team', team, '--json')),
    callType: async (agent, callType = 'basic_inbound') => {
      const report = await readiness(agent);
      const entry = report.callTypes.find((candidate) => candidate.callType === callType);
      if (!entry)
        throw new Error(`no call type ${callType} in the report of ${agent}: ${report.callTypes.map((c) => c.callType).join(', ')}`);
      return entry;
    },
  };
};

/** The rule ids of a report's recommendations (optionally only those about one criterion). */
export const rulesOf = (report: { recommendations: RecommendationJson[] }, criterion?: string): string[] =>
  report.recommendations.filter((r) => criterion === undefined || r.criterion === criterion).map((r) => r.rule);
