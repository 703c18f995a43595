import { afterEach, beforeEach, expect, it } from 'vitest';

import { describeEachDatabase, storedText, type TestDatabase } from '../support/database.ts';
import type { Turn } from '../../src/domain/types.ts';
import { hashTurns } from '../../src/ingest/hash-turns.ts';
import { runFloorready, writeFolder } from '../support/cli.ts';

// Data stored before this redaction existed: a call, its score, an exclusion note and a message, each
// holding values the old redaction let through (spoken card, CVV, name, DOB, phone across a comma…).
const PLANTED = {
  spokenCard: 'four one one one, one one one one, one one one one, one one one one',
  cvv: 'two one nine',
  name: 'Jane Doe',
  dob: '12/03/1985',
  ukPhone: '07700 900456',
  email: 'bob at acme dot xyz',
  iban: 'GB29 NWBK 6016 1331 9268 19',
  evidenceCard: '4000 0566 5566 5556',
  noteSsn: '219-09-9999',
  messagePhone: '+44 20 7946 0958',
};
const KEPT = ['order number 4111 1111 1111 1111', '$49.99', '10:30'];

const seedOldData = async (db: TestDatabase): Promise<void> => {
  const agent = await db.prisma.agent.findFirstOrThrow({ where: { key: { not: '' } }, orderBy: { key: 'asc' } });
  const call = await db.prisma.call.create({
    data: {
      agentId: agent.id,
      kind: 'live',
      callType: 'basic_inbound',
      occurredAt: new Date('2026-10-01T10:00:00Z'),
      source: 'cli',
      sourceName: `calls/${PLANTED.name}.txt`,
      externalId: 'OLD-1',
      contentHash: 'old-hash',
      redactions: { card: 0, email: 0, phone: 0, ssn: 0 },
      state: 'scored',
      summary: `${PLANTED.name} called about a double charge; DOB ${PLANTED.dob}.`,
      turns: [
        { role: 'agent', text: 'Thanks for calling, can I take your name and the card number?' },
        { role: 'customer', text: `My name is ${PLANTED.name}, the card is ${PLANTED.spokenCard}, security code ${PLANTED.cvv}.` },
        { role: 'customer', text: `Call me on ${PLANTED.ukPhone}, or email ${PLANTED.email}. My IBAN is ${PLANTED.iban}.` },
        { role: 'agent', text: `Thanks. Your ${KEPT[0]} was charged ${KEPT[1]} twice at ${KEPT[2]}; I've refunded one.` },
      ],
    },
  });
  await db.prisma.evaluation.create({
    data: {
      callId: call.id,
      source: 'ai',
      scorer: 'llm',
      scores: {
        create: [
          {
            callId: call.id,
            source: 'ai',
            criterionKey: 'empathy',
            level: 4,
            score: 75,
            rationale: `Acknowledged ${PLANTED.name}'s worry.`,
            evidence: [{ turn: 2, role: 'customer', quote: `the card is ${PLANTED.evidenceCard}` }],
          },
        ],
      },
    },
  });
  await db.prisma.exclusion.create({
    data: { callId: call.id, reason: `Customer gave SSN ${PLANTED.noteSsn} by mistake`, by: 'U_MANAGER' },
  });
  await db.prisma.notification.create({
    data: {
      key: 'old-dm',
      kind: 'coaching',
      recipient: 'U_MANAGER',
      payload: { agent: agent.key, text: `Quote: "call me on ${PLANTED.messagePhone}"` },
      status: 'sent',
    },
  });
};

describeEachDatabase('floorready redact', (database) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(async () => {
    await db.close();
  });

  it('when old data holds values the current redaction replaces, then a dry run counts them per category and changes nothing, and --apply replaces them all', async () => {
    const applied = await runFloorready(['config', 'apply'], { databaseUrl: db.url });
    expect(applied.code, applied.stderr).toBe(0);
    await seedOldData(db);
    const before = JSON.stringify(await db.prisma.call.findMany({ include: { scores: true, exclusions: true } }));

    const dry = await runFloorready(['redact'], { databaseUrl: db.url });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^Dry run: \d+ values would be replaced in 1 call, 1 score, 1 exclusion note, 1 message: /);
    for (const words of [
      '2 card numbers',
      '1 card security code',
      '1 IBAN',
      '1 US social security number',
      '2 phone numbers',
      '1 email address',
      '1 date of birth',
    ])
      expect(dry.stdout).toContain(words);
    expect(dry.stdout).toMatch(/\d+ customer's names/);
    expect(dry.stdout).toContain('Run `npx floorready redact --apply`');
    expect(JSON.stringify(await db.prisma.call.findMany({ include: { scores: true, exclusions: true } }))).toBe(before);

    const run = await runFloorready(['redact', '--apply'], { databaseUrl: db.url });
    expect(run.code, run.stderr).toBe(0);
    const [replaced, rehashed] = run.stdout.trim().split('\n');
    expect(replaced).toBe(dry.stdout.split('\n')[0]?.replace('Dry run: ', 'Replaced ').replace(' would be replaced in', ' in'));
    expect(rehashed).toBe(
      'Took the duplicate-check hash of 1 call again over the redacted turns (it was taken over the turns as said, before redaction).',
    );

    const stored = await storedText(db);
    for (const [kind, value] of Object.entries(PLANTED)) expect(stored, kind).not.toContain(value);
    // Digits standing alone, as a partial redaction would leave them: not inside a row's random id (a UUID
    // holds "7946" in about one run in a hundred).
    for (const piece of [
      /\bJane\b/,
      /\bDoe\b/,
      /(?<![\w-])9268(?![\w-])/,
      /0566 5566/,
      /(?<![\w-])900456(?![\w-])/,
      /(?<![\w-])7946(?![\w-])/,
    ])
      expect(stored).not.toMatch(piece);
    for (const kept of KEPT) expect(stored).toContain(kept);
    expect(stored).toContain('[CARD]');
    expect(stored).toContain('[NAME]');
  });

  it('when old data was stored with a hash of its turns as said, then --apply takes it again over the redacted turns and the same file imported again is a duplicate', async () => {
    await runFloorready(['config', 'apply'], { databaseUrl: db.url });
    const agent = await db.prisma.agent.findFirstOrThrow({ where: { key: { not: '' } }, orderBy: { key: 'asc' } });
    const said = [
      { role: 'agent', text: 'Thanks for calling, can I take the card number?' },
      { role: 'customer', text: `Sure, it is ${PLANTED.spokenCard}, and my email is jo.mills@example.org.` },
      { role: 'agent', text: `Thanks. Your ${KEPT[0]} was charged ${KEPT[1]} twice.` },
    ] as const;
    // As an older version stored it: typed values redacted, the spoken card not, the hash over the turns as said.
    await db.prisma.call.create({
      data: {
        agentId: agent.id,
        kind: 'live',
        occurredAt: new Date('2026-10-01T10:00:00Z'),
        source: 'cli',
        externalId: 'OLD-HASH',
        contentHash: hashTurns(said),
        state: 'queued',
        turns: said.map((turn) => ({ ...turn, text: turn.text.replace('jo.mills@example.org', '[EMAIL]') })),
      },
    });
    const dry = await runFloorready(['redact'], { databaseUrl: db.url });
    expect(dry.stdout).toContain('Would take the duplicate-check hash of 1 call again over the redacted turns');
    expect((await db.prisma.call.findFirstOrThrow({ where: { externalId: 'OLD-HASH' } })).contentHash).toBe(hashTurns(said));

    expect((await runFloorready(['redact', '--apply'], { databaseUrl: db.url })).code).toBe(0);
    const after = await db.prisma.call.findFirstOrThrow({ where: { externalId: 'OLD-HASH' } });
    expect(JSON.stringify(after.turns)).not.toContain(PLANTED.spokenCard);
    expect(after.contentHash).toBe(hashTurns(after.turns as unknown as Turn[]));

    const folder = await writeFolder({
      'again.txt': { content: said.map((turn) => `${turn.role === 'agent' ? 'Agent' : 'Customer'}: ${turn.text}`).join('\n') },
    });
    const reimport = await runFloorready(['import', folder, '--agent', agent.key], { databaseUrl: db.url });
    expect(reimport.code, reimport.stderr).toBe(0);
    expect(reimport.stdout).toContain('Imported 0, duplicates 1, failed 0.');
    expect(await db.prisma.call.count()).toBe(1);
  });

  it('when two old calls differ only in what is now redacted, then --apply keeps one hash for the pair and stores both', async () => {
    await runFloorready(['config', 'apply'], { databaseUrl: db.url });
    const agent = await db.prisma.agent.findFirstOrThrow({ where: { key: { not: '' } }, orderBy: { key: 'asc' } });
    for (const [index, email] of ['ann.one@example.org', 'bo.two@example.org'].entries()) {
      await db.prisma.call.create({
        data: {
          agentId: agent.id,
          kind: 'live',
          occurredAt: new Date('2026-10-01T10:00:00Z'),
          source: 'cli',
          externalId: `PAIR-${index}`,
          contentHash: `raw-hash-${index}`,
          state: 'queued',
          turns: [
            { role: 'agent', text: 'Your email?' },
            { role: 'customer', text: `It is ${email}.` },
          ],
        },
      });
    }
    const run = await runFloorready(['redact', '--apply'], { databaseUrl: db.url });
    expect(run.code, run.stderr).toBe(0);
    const hashes = (await db.prisma.call.findMany({ orderBy: { externalId: 'asc' } })).map((call) => call.contentHash);
    expect(hashes.filter((hash) => hash !== null)).toEqual([
      hashTurns([
        { role: 'agent', text: 'Your email?' },
        { role: 'customer', text: 'It is [EMAIL].' },
      ]),
    ]);
    expect(hashes).toHaveLength(2);
  });

  it('when everything stored is already redacted, then redact says there is nothing to do', async () => {
    await runFloorready(['config', 'apply'], { databaseUrl: db.url });
    await seedOldData(db);
    await runFloorready(['redact', '--apply'], { databaseUrl: db.url });
    const again = await runFloorready(['redact', '--apply'], { databaseUrl: db.url });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Nothing to redact/);
  });
});
