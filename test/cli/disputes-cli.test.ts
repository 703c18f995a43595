/**
 * `floorready disputes` and `floorready dispute` over a real SQLite database with the example config:
 * Ana's (AG-101) call ingested and scored by the embedded scorer, a dispute raised through the use case
 * the Slack modal calls, then resolved from a terminal under the same rules as Slack.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadConfig, type Config } from '../../src/config/config-file.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, scoringSettings, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { raiseDispute } from '../../src/use-cases/disputes/raise-dispute.ts';
import { ingestCall } from '../../src/use-cases/ingest-call.ts';
import { scoreQueuedCalls } from '../../src/use-cases/score-calls.ts';
import { EXAMPLE_CONFIG, runFloorready } from '../support/cli.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { NOW } from '../support/score-scenarios.ts';

const TRANSCRIPT = [
  'Agent: Thanks for calling Northside, this is Ana. How can I help?',
  'Customer: My refund has not arrived.',
  'Agent: I am sorry. The refund was approved yesterday; it reaches your card within five working days.',
  'Customer: Fine, thanks.',
].join('\n');

let db: TestDatabase;
let services: Services;
let config: Config;
let disputeId: string;
let criterion: string;

const cli = (...argv: string[]) => runFloorready(argv, { databaseUrl: db.url, now: () => NOW });

beforeEach(async () => {
  db = await withSqlite();
  services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
  config = await loadConfig(EXAMPLE_CONFIG);
  await applyConfig(services, config);
  const { callId } = await ingestCall(
    { directory: services.directory, calls: services.calls, now: services.now, maxBytes: 100_000 },
    {
      content: TRANSCRIPT,
      agent: 'AG-101',
      callType: 'basic_inbound',
      kind: 'live',
      source: 'cli',
      externalId: 'CALL-8001',
      occurredAt: new Date(NOW.getTime() - 3_600_000),
    },
  );
  await scoreQueuedCalls({ ...services, settings: scoringSettings(config) });
  const [ai] = (await services.scores.currentScores([callId])).filter((row) => row.source === 'ai' && row.applicable && row.level !== null);
  criterion = ai!.criterionKey;
  const { dispute } = await raiseDispute(services, {
    slackUserId: 'U0ANA00001',
    callId,
    criterionKey: criterion,
    proposedLevel: null,
    reason: 'The line dropped before the close.',
    requestId: null,
    now: NOW,
    windowDays: 14,
  });
  disputeId = dispute.id;
});
afterEach(async () => {
  await db.close();
});

describe('disputes from the CLI', () => {
  it('when a manager of the team changes the score, then it is a human score with her as reviewer, listed as changed with its history, and counted in calibration', async () => {
    const listed = await cli('disputes', '--state', 'open');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`${disputeId}  open`);
    expect(listed.stdout).toContain('reason: The line dropped before the close.');
    const readiness = await cli('readiness', 'AG-101');
    expect(readiness.stdout).toContain(`Open disputes (1;`);

    const refused = await cli('dispute', disputeId, '--change', '5', '--note', 'ok', '--by', 'Ben Okafor');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      '"Ben Okafor" is not a team manager in the floorready config, so cannot resolve a dispute: only a manager of the agent\'s team may.',
    );

    const missing = await cli('dispute', 'cnosuchdispute', '--keep', '--note', 'x', '--by', 'Maya Chen');
    expect(missing.stderr).toContain('No dispute "cnosuchdispute" among the disputes of the teams you manage (Northside Support).');

    const changed = await cli('dispute', disputeId, '--change', '5', '--note', 'The call was cut off.', '--by', 'Maya Chen');
    expect(changed.code, changed.stderr).toBe(0);
    // Recorded as every decision records its decider (ADR 0021): the same label as from Slack.
    expect(changed.stdout).toContain('score changed to level 5 by Maya Chen (U0MAYA0001)');

    const shown = await cli('show', 'CALL-8001', '--json');
    expect(shown.stdout).toContain('"reviewer": "Maya Chen (U0MAYA0001)"');
    const again = await cli('dispute', disputeId, '--keep', '--note', 'Second thoughts.', '--by', 'Maya Chen');
    expect(again.stderr).toMatch(/already resolved \(score changed\) by Maya Chen \(U0MAYA0001\) on 2026-10-01 12:00 UTC/);

    const history = await cli('disputes', '--team', 'northside');
    expect(history.stdout).toContain(`${disputeId}  changed`);
    expect(history.stdout).toContain('changed by Maya Chen (U0MAYA0001) at 2026-10-01 12:00: The call was cut off.');
    const calibration = await cli('calibration');
    expect(calibration.stdout).toMatch(/: 1 raised · 1 changed · 0 kept · 0 expired · 0 open \(100% of decided changed\)/);
  });

  it('when --change is not a level or both --change and --keep are given, then it says what it expects and nothing changes', async () => {
    expect((await cli('dispute', disputeId, '--change', '7', '--note', 'x', '--by', 'Maya Chen')).stderr).toContain(
      '--change takes a level from 1 to 5; got "7"',
    );
    expect((await cli('dispute', disputeId, '--change', '4', '--keep', '--note', 'x', '--by', 'Maya Chen')).stderr).toContain(
      'exactly one of --change <level> or --keep',
    );
    expect((await cli('disputes', '--state', 'pending')).stderr).toContain('--state must be one of open, changed, kept, expired');
    expect((await services.disputes.find(disputeId))?.state).toBe('open');
  });
});
