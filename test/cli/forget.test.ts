/**
 * Erasure (issue 18): `forget call` and `forget agent` remove the calls and what they own and leave an audit
 * row with counts only; on SQLite the file's bytes no longer hold the erased text.
 */
import { describe, expect, it } from 'vitest';

import { openDatabase } from '../../src/db/client.ts';
import { sqliteFileText } from '../fixtures/pii/corpus-check.ts';
import { runFloorready, writeFolder } from '../support/cli.ts';
import { databases } from '../support/database.ts';

const MARK = 'Zephyrine quokka marmalade';

for (const kind of databases.filter((candidate) => !candidate.skip)) {
  describe(`forget (${kind.name})`, () => {
    it('when a call and then an agent are forgotten, then their calls are gone, an audit row holds only counts, and on SQLite the text is gone from the file', async () => {
      const empty = await kind.empty();
      try {
        const dir = await writeFolder({
          'one.txt': {
            content: `Agent: Thank you for calling, how can I help?\nCustomer: ${MARK} was charged twice.`,
            meta: { agent: 'AG-101', externalId: 'erase-1' },
          },
          'two.txt': {
            content: 'Agent: Thank you for calling, how can I help?\nCustomer: My refund is late.',
            meta: { agent: 'AG-101', externalId: 'erase-2' },
          },
          'three.txt': {
            content: 'Agent: Thank you for calling, how can I help?\nCustomer: Wrong bill.',
            meta: { agent: 'AG-102', externalId: 'keep-3' },
          },
        });
        expect((await runFloorready(['import', dir], { databaseUrl: empty.url })).code).toBe(0);
        const call = await runFloorready(['forget', 'call', 'erase-1', '--by', 'Maya Chen'], { databaseUrl: empty.url });
        expect(call.code, call.stdout + call.stderr).toBe(0);
        expect(call.stdout).toContain('Erased the call: 1 calls');
        if (kind.name === 'sqlite') expect(await sqliteFileText(empty.url)).not.toContain(MARK);
        const agent = await runFloorready(['forget', 'agent', 'AG-101', '--by', 'Maya Chen'], { databaseUrl: empty.url });
        expect(agent.stdout).toContain("Erased the agent's data: 1 calls");
        const db = await openDatabase(empty.url, { migrate: false });
        try {
          expect((await db.prisma.call.findMany({ select: { externalId: true } })).map((row) => row.externalId)).toEqual(['keep-3']);
          // Ana's own entry is gone too: no name, email or Slack id of hers is left.
          expect(await db.prisma.agent.count({ where: { key: 'ana.ruiz@example.com' } })).toBe(0);
          expect(await db.prisma.agentIdentifier.count({ where: { value: { contains: 'ana' } } })).toBe(0);
          const audit = await db.prisma.erasure.findMany({ orderBy: { createdAt: 'asc' } });
          expect(audit.map((row) => [row.kind, row.by, row.calls])).toEqual([
            ['call', 'Maya Chen', 1],
            ['agent', 'Maya Chen', 1],
          ]);
          expect(JSON.stringify(audit)).not.toMatch(/erase-1|AG-101|Ana|Zephyrine/);
        } finally {
          await db.close();
        }
      } finally {
        await empty.drop();
      }
    }, 120_000);
  });
}
