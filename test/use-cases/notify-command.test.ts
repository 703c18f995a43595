/** `floorready notify` through the real CLI against a real SQLite database with imported scores. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runFloorready, writeFolder } from '../support/cli.ts';
import { withSqlite, type TestDatabase } from '../support/database.ts';
import { all, calls, daily, NOW, PERIOD, spaced, writeScenario } from '../support/score-scenarios.ts';

let db: TestDatabase;
const cli = (...argv: string[]) => runFloorready(argv, { databaseUrl: db.url, now: () => NOW });

beforeEach(async () => {
  db = await withSqlite();
  const file = await writeScenario([
    calls({ agent: 'AG-101', at: daily('2026-07-01', 20), scores: all(60) }),
    calls({ agent: 'AG-101', at: spaced(PERIOD[0], 15), scores: all(80) }),
    calls({ agent: 'AG-101', at: spaced(PERIOD[1], 15), scores: all(82) }),
  ]);
  expect((await cli('import-scores', file)).code).toBe(0);
  const dir = await writeFolder({
    'c.txt': {
      content:
        'Agent: Hello, this is Ana.\nCustomer: My parcel is late and I am upset.\nAgent: It arrives tomorrow, reference P-1.\nCustomer: Thanks.',
      meta: { agent: 'AG-101', type: 'basic_inbound', at: '2026-09-30T10:00:00Z', externalId: 'CALL-9001' },
    },
  });
  expect((await cli('import', dir)).code).toBe(0);
  expect((await cli('score')).code).toBe(0);
});
afterEach(async () => {
  await db.close();
});

describe('floorready notify', () => {
  it('when run with --dry-run, then it prints each message it would send with its recipient and claims no outbox key', async () => {
    const run = await cli('notify', '--dry-run');

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('→ Maya Chen (U0MAYA0001) · readiness (Approve button) · about ana.ruiz@example.com');
    expect(run.stdout).toContain('Ana Ruiz is ready for independent handling of Basic inbound calls');
    expect(run.stdout).toContain('→ Ana Ruiz (U0ANA00001) · score summary · about ana.ruiz@example.com');
    expect(run.stdout).toMatch(/Your scores for Basic inbound · 2026-09-30 · CALL-9001: overall \d+\./);
    expect(run.stdout).toContain('Would send 2 messages (dry run: nothing sent, no outbox key claimed).');
    expect(await db.prisma.notification.count()).toBe(0);

    // Nothing was claimed, so a second dry run shows the same messages.
    expect((await cli('notify', '--dry-run')).stdout).toContain('Would send 2 messages');
  });

  it('when SLACK_BOT_TOKEN is not set and --dry-run is not given, then it says how to send or preview and exits 2', async () => {
    const run = await cli('notify');

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SLACK_BOT_TOKEN is not set');
    expect(run.stderr).toContain('npx floorready notify --dry-run');
    expect(await db.prisma.notification.count()).toBe(0);
  });

  it('when asked for help, then it explains who gets which message and that each goes out once', async () => {
    const run = await cli('notify', '--help');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--dry-run');
    expect(run.stdout).toContain('Approve button');
    expect(run.stdout).toContain('goes out once however many');
  });
});
