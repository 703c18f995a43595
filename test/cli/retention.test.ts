/**
 * `floorready retention` (issue 18): off until `retention.callDays` is set; `--dry-run` counts and erases
 * nothing; a run erases calls older than the setting, once per UTC day, and on SQLite compacts the file so
 * the erased words are gone from its bytes.
 */
import { describe, expect, it } from 'vitest';

import { openDatabase } from '../../src/db/client.ts';
import { sqliteFileText } from '../fixtures/pii/corpus-check.ts';
import { runFloorready, writeConfig, writeFolder } from '../support/cli.ts';
import { databases } from '../support/database.ts';

const MARK = 'Quillfeather marzipan harbour';
const NOW = () => new Date('2026-12-05T09:00:00Z');

for (const kind of databases.filter((candidate) => !candidate.skip)) {
  describe(`retention (${kind.name})`, () => {
    it('when retention is off, then it says how to turn it on; when on, a dry run counts, a run erases once a day and the text is gone', async () => {
      const empty = await kind.empty();
      try {
        const dir = await writeFolder({
          'old.txt': {
            content: `Agent: Thank you for calling, how can I help?\nCustomer: ${MARK}, I was charged twice.`,
            meta: { agent: 'AG-101', externalId: 'old-1', at: '2026-06-01T10:00:00Z' },
          },
          'new.txt': {
            content: 'Agent: Thank you for calling, how can I help?\nCustomer: My refund is late.',
            meta: { agent: 'AG-101', externalId: 'new-1', at: '2026-12-01T10:00:00Z' },
          },
        });
        expect((await runFloorready(['import', dir], { databaseUrl: empty.url, now: NOW })).code).toBe(0);

        const off = await runFloorready(['retention'], { databaseUrl: empty.url, now: NOW });
        expect(off.code).toBe(1);
        expect(off.stderr).toMatch(/Retention is off: set retention\.callDays in .*floorready\.config.* \(e\.g\. 365\)/);

        const configPath = await writeConfig({ retention: { callDays: 90 } });
        const dry = await runFloorready(['retention', '--dry-run'], { databaseUrl: empty.url, configPath, now: NOW });
        expect(dry.code, dry.stderr).toBe(0);
        expect(dry.stdout).toBe(
          'Dry run: 1 call dated before 2026-09-06 09:00 UTC (retention.callDays 90) would be erased, with 0 scores and 0 disputes. Nothing was erased.',
        );

        const run = await runFloorready(['retention'], { databaseUrl: empty.url, configPath, now: NOW });
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toMatch(/^Erased 1 call dated before 2026-09-06 09:00 UTC \(retention\.callDays 90\)/);
        if (kind.name === 'sqlite') expect(await sqliteFileText(empty.url)).not.toContain(MARK);

        const again = await runFloorready(['retention'], { databaseUrl: empty.url, configPath, now: NOW });
        expect(again.stdout).toMatch(/^Retention already ran for 2026-12-05 \(UTC\) at 2026-12-05 \d\d:\d\d UTC: 1 call erased\./);

        const db = await openDatabase(empty.url, { migrate: false });
        try {
          expect((await db.prisma.call.findMany({ select: { externalId: true } })).map((row) => row.externalId)).toEqual(['new-1']);
          expect((await db.prisma.erasure.findMany()).map((row) => [row.kind, row.by, row.calls])).toEqual([['retention', 'retention', 1]]);
        } finally {
          await db.close();
        }
      } finally {
        await empty.drop();
      }
    }, 120_000);
  });
}
