import { afterEach, expect, it } from 'vitest';

import { openDatabase, type Database } from '../../src/db/client.ts';
import { isAppError } from '../../src/domain/app-error.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices } from '../../src/services.ts';
import { excludeCall } from '../../src/use-cases/exclude-call.ts';
import { describeEachDatabase } from '../support/database.ts';
import { all, calls, NOW, PERIOD, spaced, useScenarioCli } from '../support/score-scenarios.ts';

/** How many processes act on one call at the same moment (each with its own database connection). */
const RACERS = 6;

describeEachDatabase('two managers excluding one call at the same moment', (database) => {
  const cli = useScenarioCli(database);
  let handles: Database[] = [];
  afterEach(async () => {
    await Promise.all(handles.map((handle) => handle.close()));
    handles = [];
  });

  /**
   * RACERS callers at once. PostgreSQL: separate connections, as separate processes would have. SQLite:
   * one connection shared by concurrent requests, as in the app (a second SQLite connection in the same
   * process would wait out its busy timeout synchronously, blocking the very transaction it waits for;
   * across processes the timeout waits for the other process's commit as intended).
   */
  const racers = async () => {
    if (database.name === 'sqlite') {
      const service = createServices(cli.db(), { scorer: createEmbeddedScorer(), now: () => NOW });
      return Array.from({ length: RACERS }, () => service);
    }
    handles = await Promise.all(Array.from({ length: RACERS }, () => openDatabase(cli.db().url, { migrate: false })));
    return handles.map((db) => createServices(db, { scorer: createEmbeddedScorer(), now: () => NOW }));
  };

  const outcomes = async (attempts: Promise<unknown>[]) => {
    const settled = await Promise.allSettled(attempts);
    return {
      done: settled.filter((result) => result.status === 'fulfilled').length,
      refused: settled.flatMap((result) =>
        result.status === 'rejected' ? [isAppError(result.reason) ? result.reason.code : String(result.reason)] : [],
      ),
    };
  };

  it('when several exclude the same call at once, then exactly one exclusion is recorded and the others are told it already is', async () => {
    await cli.load(calls({ agent: 'AG-101', at: spaced(PERIOD[0] as string, 15), scores: all(80), idPrefix: 'RACE' }));
    const services = await racers();

    const excluded = await outcomes(
      services.map((service, i) => excludeCall(service, { call: 'RACE-3', reason: `outage report ${i}`, by: 'Maya Chen' })),
    );
    expect(excluded).toEqual({ done: 1, refused: Array(RACERS - 1).fill('call_already_excluded') });
    const rows = await cli.db().prisma.exclusion.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.undoneAt).toBeNull();

    const restored = await outcomes(services.map((service) => excludeCall(service, { call: 'RACE-3', by: 'Maya Chen', undo: true })));
    expect(restored).toEqual({ done: 1, refused: Array(RACERS - 1).fill('call_not_excluded') });
    const after = await cli.db().prisma.exclusion.findMany();
    expect(after).toHaveLength(1);
    expect(after[0]?.undoneBy).toBe('Maya Chen (U0MAYA0001)');
  });
});
