import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

import { afterEach, beforeEach, expect, it } from 'vitest';

import { resolveDatabaseUrl } from '../../src/db/client.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { fixturePii, luhnValidRuns, runFloorready, writeFolder } from '../support/cli.ts';

/** Every good transcript fixture, each with an agent and the speaker label of the agent where names do not tell. */
const ALL_FIXTURES = {
  'call.txt': { fixture: 'call.txt', meta: { agent: 'AG-101' } },
  'call-timestamped.txt': { fixture: 'call-timestamped.txt', meta: { agent: 'AG-102' } },
  'call.srt': { fixture: 'call.srt', meta: { agent: 'AG-103' } },
  'teams.vtt': { fixture: 'teams.vtt', meta: { agent: 'AG-104' } },
  'zoom.vtt': { fixture: 'zoom.vtt', meta: { agent: 'AG-105', agentSpeaker: 'Sarah Jones' } },
  'turns.json': { fixture: 'turns.json', meta: { agent: 'AG-101' } },
  'turns-object.json': { fixture: 'turns-object.json', meta: { agent: 'AG-102', agentSpeaker: 'Priya Patel' } },
};

const expectNoPii = async (text: string): Promise<void> => {
  const pii = await fixturePii();
  expect(pii.emails.length).toBeGreaterThanOrEqual(4);
  for (const email of pii.emails) expect(text, `email ${email}`).not.toContain(email);
  for (const phone of pii.phones) expect(text, `phone ${phone}`).not.toContain(phone);
  for (const card of pii.cards) expect(text, `card ${card}`).not.toContain(card);
  expect(luhnValidRuns(text)).toEqual([]);
};

describeEachDatabase('PII after import', (database) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(async () => {
    await db.close();
  });

  it('when every fixture is imported, then no card number, email or phone from them is stored anywhere, and placeholders stand in their place', async () => {
    const dir = await writeFolder(ALL_FIXTURES);
    const run = await runFloorready(['import', dir], { databaseUrl: db.url });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('Imported 7,');
    expect(run.stdout).toMatch(/Redacted before storing: \d+ card, \d+ email, \d+ phone\./);

    const calls = await db.prisma.call.findMany();
    const turnsText = JSON.stringify(calls.map((call) => call.turns));
    for (const placeholder of ['[CARD]', '[EMAIL]', '[PHONE]']) expect(turnsText).toContain(placeholder);
    const total = (kind: string) => calls.reduce((sum, call) => sum + ((call.redactions as Record<string, number> | null)?.[kind] ?? 0), 0);
    expect(total('card')).toBeGreaterThanOrEqual(5);
    expect(total('email')).toBeGreaterThanOrEqual(6);
    expect(total('phone')).toBeGreaterThanOrEqual(5);

    if (database.name === 'sqlite') {
      // The bytes on disk: the database file and any write-ahead log, after every client is closed.
      await db.prisma.$disconnect();
      const target = resolveDatabaseUrl(db.url);
      if (target.provider !== 'sqlite') throw new Error('expected a SQLite URL');
      const files = [target.filePath, `${target.filePath}-wal`].filter((file) => existsSync(file));
      const bytes = (await Promise.all(files.map((file) => readFile(file)))).map((buffer) => buffer.toString('latin1')).join('\n');
      expect(bytes).toContain('[CARD]');
      await expectNoPii(bytes);
    } else {
      // Every row of every table in the test schema, as text.
      const tables = await db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
      );
      expect(tables.map((table) => table.table_name)).toContain('Call');
      const dumps: string[] = [];
      for (const { table_name: table } of tables) {
        const rows = await db.prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${table}" t`);
        dumps.push(...rows.map((row) => row.row));
      }
      const dump = dumps.join('\n');
      expect(dump).toContain('[CARD]');
      await expectNoPii(dump);
    }
  });
});
