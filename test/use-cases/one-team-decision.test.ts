/**
 * Issue 10, "team-wide means team-wide": one decision feeds the readiness report, the managers' DMs and
 * both digest copies. Each scenario is built once on a real database, the four outputs are built from it
 * as the CLI and the app build them, and what each says (who is coached on what, which gaps are
 * team-wide) is read back from the output itself and compared.
 */
import { expect, it } from 'vitest';

import type { Config } from '../../src/config/config-file.ts';
import type { Services } from '../../src/services.ts';
import { buildDigestMessages } from '../../src/slack/blocks/build-digest-blocks.ts';
import type { KnownBlock } from '../../src/slack/blocks/limits.ts';
import { buildReadinessReport } from '../../src/use-cases/build-readiness-report.ts';
import { testSender } from '../support/test-sender.ts';
import { sendNotifications } from '../../src/use-cases/send-notifications.ts';
import { buildWeeklyDigest } from '../../src/use-cases/send-weekly-digest.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { all, calls, daily, PERIOD, spaced, type ScenarioCall } from '../support/score-scenarios.ts';
import { DECISION_NOW, seedScenario } from './readiness-decisions.ts';

const AGENTS: Record<string, string> = { 'AG-101': 'Ana Ruiz', 'AG-102': 'Ben Okafor', 'AG-103': 'Chloe Martin' };
const EMPATHY = 'Empathy expression';

/** Baseline at 40 everywhere, then two batches with empathy at `empathy` and every other criterion at 91. */
const agent = (id: string, empathy: number): ScenarioCall[] => [
  ...calls({ agent: id, at: daily('2026-07-01', 20), scores: all(40) }),
  ...calls({ agent: id, at: spaced(PERIOD[0] as string, 15), scores: { ...all(91), empathy } }),
  ...calls({ agent: id, at: spaced(PERIOD[1] as string, 15), scores: { ...all(91), empathy } }),
];

interface Decision {
  /** Criterion names called team-wide gaps. */
  teamWide: string[];
  /** "Agent name|criterion name" coached individually. */
  individual: string[];
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();
const criterionNames = (criteria: readonly { key: string; name: string }[]) => new Map(criteria.map((c) => [c.key, c.name]));

/** 1. The readiness reports (`floorready readiness <agent>`), one per agent of the scenario. */
const fromReports = async (services: Services, config: Config): Promise<Decision> => {
  const teamWide: string[] = [];
  const individual: string[] = [];
  for (const key of Object.keys(AGENTS)) {
    const result = await buildReadinessReport(services, { agent: key, thresholds: config.thresholds });
    const names = criterionNames((await services.directory.currentRubric())?.criteria ?? []);
    teamWide.push(...(result.teamFindings?.teamWideCriteria ?? []).map((criterion) => names.get(criterion) ?? criterion));
    for (const rec of result.report.recommendations) {
      if (rec.criterion && rec.rule !== 'readiness_reached' && !rec.teamWide)
        individual.push(`${result.report.agent.displayName}|${names.get(rec.criterion)}`);
    }
  }
  return { teamWide: sorted(teamWide), individual: sorted(individual) };
};

/** 2. The managers' DMs (`floorready notify --dry-run`): the coaching each carries, from its outbox keys. */
const fromDms = async (services: Services, config: Config): Promise<Decision['individual']> => {
  const run = await sendNotifications({ services, config, sender: testSender(services.outbox, null), now: DECISION_NOW, dryRun: true });
  expect(run.errors).toEqual([]);
  // Every DM says which scorer made the scores and that no reviewer has checked it yet.
  for (const message of run.planned) expect(JSON.stringify(message.message.blocks)).toContain('Not checked against');
  const names = criterionNames((await services.directory.currentRubric())?.criteria ?? []);
  const agents = await services.directory.listAgents({});
  const nameOf = new Map(agents.map((a) => [a.id, a.displayName]));
  return sorted(
    run.planned
      .filter((message) => message.kind !== 'score_summary')
      .flatMap((message) => message.keys)
      .map((key) => key.split(':').map(decodeURIComponent))
      .filter(([rule, , , criterion]) => rule !== 'readiness_reached' && criterion !== '-')
      .map(([, agentId, , criterion]) => `${nameOf.get(agentId as string)}|${names.get(criterion as string)}`),
  );
};

const texts = (blocks: readonly KnownBlock[]): string[] =>
  blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));

/** 3 and 4. Both digest copies: the team-wide gaps each lists, and the managers' "needs attention". */
const fromDigest = async (services: Services, config: Config) => {
  const digest = await buildWeeklyDigest(services, { team: 'northside', config, now: DECISION_NOW });
  const messages = buildDigestMessages(digest);
  const gaps = (blocks: readonly KnownBlock[]) =>
    sorted(
      texts(blocks)
        .filter((text) => text.startsWith('*Team-wide gaps*'))
        .flatMap((text) => text.split('\n').flatMap((line) => /^• (.+?): team average/.exec(line)?.[1] ?? [])),
    );
  const rubric = (await services.directory.currentRubric())?.criteria ?? [];
  const attention = sorted(
    texts(messages.manager.blocks).flatMap((text) => {
      const match = /^\*(.+?)\*\n([\s\S]*)$/.exec(text);
      if (!match || !Object.values(AGENTS).includes(match[1] as string)) return [];
      return (match[2] as string)
        .split('\n')
        .flatMap((line) =>
          rubric.filter((criterion) => line.startsWith(`• ${criterion.name}`)).map((criterion) => `${match[1]}|${criterion.name}`),
        );
    }),
  );
  return {
    channel: { teamWide: gaps(messages.channel.blocks) },
    manager: { teamWide: gaps(messages.manager.blocks), individual: attention },
  };
};

describeEachDatabase('one team decision for reports, DMs and both digest copies', (database) => {
  let db: TestDatabase | undefined;
  const open = async () => (db = await database.open());

  const fourOutputs = async (scenario: ScenarioCall[][]) => {
    try {
      const { services, config } = await seedScenario(await open(), scenario);
      const report = await fromReports(services, config);
      const dms = await fromDms(services, config);
      const digest = await fromDigest(services, config);
      return { report, dms, digest };
    } finally {
      await db?.close();
    }
  };

  it('when only one of two agents is low on a criterion, then no output calls it team-wide and every output coaches that agent', {
    timeout: 180_000,
  }, async () => {
    // Priya's case from the issue: the team mean is below the threshold, but two agents are not a team.
    const { report, dms, digest } = await fourOutputs([agent('AG-101', 55), agent('AG-102', 91)]);
    const expected: Decision = { teamWide: [], individual: [`Ana Ruiz|${EMPATHY}`] };
    expect(report).toEqual(expected);
    expect(dms).toEqual(expected.individual);
    expect(digest.channel.teamWide).toEqual(expected.teamWide);
    expect(digest.manager).toEqual(expected);
  });

  it('when two of three agents with batches are low on a criterion, then every output calls it team-wide and none coaches them one by one on it', {
    timeout: 180_000,
  }, async () => {
    const { report, dms, digest } = await fourOutputs([agent('AG-101', 55), agent('AG-102', 91), agent('AG-103', 60)]);
    const expected: Decision = { teamWide: [EMPATHY], individual: [] };
    expect(report).toEqual(expected);
    expect(dms).toEqual(expected.individual);
    expect(digest.channel.teamWide).toEqual(expected.teamWide);
    expect(digest.manager).toEqual(expected);
  });
});
