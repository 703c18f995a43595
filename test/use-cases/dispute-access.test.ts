/**
 * One access rule per action (ADR 0021, 0038) for "Why this score?", Dispute and resolving a dispute, over a
 * real SQLite database: a call (or dispute) the caller may not reach is refused with the same code and
 * parameters as one that does not exist or was forgotten, so the answer does not tell that it exists.
 * Ana and Ben are agents of Maya's team; Sam manages another team.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { loadConfig, type Config } from '../../src/config/config-file.ts';
import { isAppError } from '../../src/domain/app-error.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, scoringSettings, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { authoriseSeeWhy } from '../../src/use-cases/disputes/explain-score.ts';
import { disputableCriteria, raiseDispute } from '../../src/use-cases/disputes/raise-dispute.ts';
import { loadDisputeFor } from '../../src/use-cases/disputes/resolve-dispute.ts';
import { ingestCall } from '../../src/use-cases/ingest-call.ts';
import { identifyByRef, identifySlackUser } from '../../src/use-cases/resolve-access.ts';
import { scoreQueuedCalls } from '../../src/use-cases/score-calls.ts';
import { writeConfig } from '../support/cli.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { NOW } from '../support/score-scenarios.ts';

const ANA = 'U0ANA00001';
const BEN = 'U0BEN00001';
const SAM = 'U0SAM00001';

let db: TestDatabase;
let services: Services;
let config: Config;
let callId: string;
let disputeId: string;

beforeEach(async () => {
  db = await withSqlite();
  services = createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW });
  config = await loadConfig(
    await writeConfig({
      teams: [
        {
          key: 'northside',
          name: 'Northside Support',
          managers: [{ name: 'Maya Chen', slack: 'U0MAYA0001' }],
          agents: [
            { name: 'Ana Ruiz', slack: ANA, externalIds: ['AG-101'] },
            { name: 'Ben Okafor', slack: BEN, externalIds: ['AG-102'] },
          ],
        },
        {
          key: 'southside',
          name: 'Southside Support',
          managers: [{ name: 'Sam Lee', slack: SAM }],
          agents: [{ name: 'Zoe Park', slack: 'U0ZOE00001' }],
        },
      ],
    }),
  );
  await applyConfig(services, config);
  ({ callId } = await ingestCall(
    { directory: services.directory, calls: services.calls, now: services.now, maxBytes: 100_000 },
    {
      content:
        'Agent: Northside, this is Ana. How can I help?\nCustomer: My refund is late.\nAgent: I am sorry. It was approved today.\nCustomer: Thanks.',
      agent: 'AG-101',
      callType: 'basic_inbound',
      kind: 'live',
      source: 'cli',
      externalId: 'CALL-7001',
      occurredAt: new Date(NOW.getTime() - 3_600_000),
    },
  ));
  await scoreQueuedCalls({ ...services, settings: scoringSettings(config) });
  const { criteria } = await disputableCriteria(services, { slackUserId: ANA, callId, now: NOW, windowDays: 14 });
  ({
    dispute: { id: disputeId },
  } = await raiseDispute(services, {
    slackUserId: ANA,
    callId,
    criterionKey: criteria[0]!.key,
    proposedLevel: null,
    reason: 'Cut off.',
    requestId: null,
    now: NOW,
    windowDays: 14,
  }));
});
afterEach(async () => {
  await db.close();
});

/** The refusal's code and parameters, less the reference the caller typed (their own input). */
const refusal = async (attempt: () => Promise<unknown>): Promise<{ code: string; params: Record<string, unknown> }> => {
  try {
    await attempt();
  } catch (error) {
    if (!isAppError(error)) throw error;
    const { callRef: _call, disputeRef: _dispute, ...params } = error.params as Record<string, unknown>;
    return { code: error.code, params };
  }
  throw new Error('not refused');
};

const MISSING = 'cnosuchcall00000000000000';

describe('refusals that do not tell whether the target exists', () => {
  it('when Ben or Sam ask why Ana\u2019s call scored, then they hear exactly what anyone hears of a call that does not exist', async () => {
    const ben = await refusal(() => authoriseSeeWhy(services, BEN, callId));
    expect(ben).toEqual({ code: 'call_unknown', params: { scope: [] } });
    expect(await refusal(() => authoriseSeeWhy(services, BEN, MISSING))).toEqual(ben);
    const sam = await refusal(() => authoriseSeeWhy(services, SAM, callId));
    expect(sam).toEqual({ code: 'call_unknown', params: { scope: ['Southside Support'] } });
    expect(await refusal(() => authoriseSeeWhy(services, SAM, MISSING))).toEqual(sam);
  });

  it('when Ben disputes Ana\u2019s call, then he hears what he hears for a call that does not exist, and Ana for her own call once forgotten', async () => {
    const dispute = (user: string, id: string) => () =>
      disputableCriteria(services, { slackUserId: user, callId: id, now: NOW, windowDays: 14 });
    const ben = await refusal(dispute(BEN, callId));
    expect(ben.code).toBe('call_unknown');
    expect(await refusal(dispute(BEN, MISSING))).toEqual(ben);
    await db.prisma.call.delete({ where: { id: callId } });
    expect(await refusal(dispute(ANA, callId))).toEqual(ben);
  });

  it('when Sam resolves a dispute of Maya\u2019s team, from Slack or the CLI, then he hears what he hears for a dispute that does not exist', async () => {
    const sam = await identifySlackUser(services.directory, SAM);
    const outOfReach = await refusal(() => loadDisputeFor(services, sam, disputeId));
    expect(outOfReach).toEqual({ code: 'dispute_unknown', params: { scope: ['Southside Support'] } });
    expect(await refusal(() => loadDisputeFor(services, sam, 'cnosuchdispute0000000000'))).toEqual(outOfReach);
    const byName = await identifyByRef(services.directory, 'Sam Lee');
    expect(await refusal(() => loadDisputeFor(services, byName, disputeId))).toEqual(outOfReach);
  });
});
