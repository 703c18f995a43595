/**
 * A call imported without a call type gets one inferred from its content at ingest, with the cue that decided
 * it, shown by the import, `calls` and `show` (issue 18): never from what a speaker claims the call is.
 */
import { expect, it } from 'vitest';

import { jsonOf, runFloorready, writeFolder } from '../support/cli.ts';
import { databases } from '../support/database.ts';

const sqlite = databases.find((kind) => kind.name === 'sqlite');

it('when calls are imported without --type, then each gets the type its content points to, and import, calls and show name the cue', async () => {
  if (!sqlite) throw new Error('no SQLite test database');
  const empty = await sqlite.empty();
  try {
    const dir = await writeFolder({
      'bill.txt': {
        content: [
          'Agent: Thank you for calling Northside, how can I help?',
          'Customer: I was charged twice on my last invoice and I want a refund of the amount.',
          "Agent: I'm sorry about that. I can see the duplicate charge, I'll refund it today.",
          'Customer: Thanks.',
        ].join('\n'),
        meta: { agent: 'AG-101', externalId: 'bill-1' },
      },
      'supervisor.txt': {
        content: [
          'Agent: Thank you for calling Northside, how can I help?',
          'Customer: This is the third time I call about my invoice, I want to speak to a supervisor.',
          'Agent: I understand, let me get my supervisor for you.',
        ].join('\n'),
        meta: { agent: 'AG-101', externalId: 'sup-1' },
      },
      'typed.txt': {
        content: 'Agent: Thank you for calling, how can I help?\nCustomer: I want a refund of the invoice.',
        meta: { agent: 'AG-101', externalId: 'typed-1', type: 'basic_inbound' },
      },
    });
    const imported = await runFloorready(['import', dir], { databaseUrl: empty.url });
    expect(imported.code, imported.stderr).toBe(0);
    // One line per file (on stderr, beside the progress), the summary on stdout.
    expect(imported.stderr).toContain("type billing_dispute (inferred from 'charged', 'refund', 'invoice')");
    expect(imported.stderr).toContain("type escalation (inferred from 'supervisor')");

    const listed = await runFloorready(['calls'], { databaseUrl: empty.url });
    expect(listed.stdout).toContain("live billing_dispute (inferred from 'charged', 'refund', 'invoice')  [queued]");
    expect(listed.stdout).toContain("live escalation (inferred from 'supervisor')  [queued]");
    expect(listed.stdout).toMatch(/live basic_inbound {2}\[queued\]/);

    const json = jsonOf<{ externalId: string; callType: string; callTypeInferred: boolean; callTypeInferredFrom: string | null }[]>(
      await runFloorready(['calls', '--json'], { databaseUrl: empty.url }),
    );
    expect(json.map((call) => [call.externalId, call.callType, call.callTypeInferred, call.callTypeInferredFrom]).sort()).toEqual([
      ['bill-1', 'billing_dispute', true, "inferred from 'charged', 'refund', 'invoice'"],
      ['sup-1', 'escalation', true, "inferred from 'supervisor'"],
      ['typed-1', 'basic_inbound', false, null],
    ]);

    const shown = await runFloorready(['show', 'bill-1'], { databaseUrl: empty.url });
    // Wrapped at 80 columns.
    expect(shown.stdout).toMatch(/call\s+live, billing_dispute \(inferred from 'charged', 'refund',\s+'invoice'\), \d{4}-\d{2}-\d{2}/);
  } finally {
    await empty.drop();
  }
}, 120_000);
