import { afterEach, beforeEach, expect, it } from 'vitest';

import { describeEachDatabase, storedText, type TestDatabase } from '../support/database.ts';
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

/** Card, phone and email spellings beyond the fixtures', each Luhn-valid or a real-looking number. */
const MORE_PII = {
  cards: ['4111.1111.1111.1111', '6011 0009 9013 9424', '3782 822463 10005', '4000056655665556'],
  phones: ['+447946095800', '0207 946 0958', '(555)201-4477', '+1-555-201-4477', '07700 900123'],
  emails: ['John.Doe+tag@mail.example.co.uk', 'j_doe@sub-domain.example.io'],
};
const moreFormats = [
  `Agent: Thanks for calling. Can I take the card number?`,
  `Customer: It's ${MORE_PII.cards[0]}, or the Discover one, ${MORE_PII.cards[1]}.`,
  `Customer: Or the Amex ${MORE_PII.cards[2]}, or ${MORE_PII.cards[3]}.`,
  `Agent: And a phone number?`,
  `Customer: ${MORE_PII.phones.join(', or ')}.`,
  `Customer: Email ${MORE_PII.emails.join(' or ')}.`,
  `Agent: Thank you, that's all noted.`,
].join('\n');

/** The text with every row id (a cuid, or newRowId's id of the same shape) taken out, wherever it ends. */
const withoutIds = (text: string): string => text.replace(/c[0-9a-z]{24}/g, '[row id]');

/** No listed card, email or phone, and no Luhn-valid digit run that was not already in the empty database (migration names). */
const expectNoPii = async (text: string, baseline: string): Promise<void> => {
  const pii = await fixturePii();
  expect(pii.emails.length).toBeGreaterThanOrEqual(4);
  for (const email of [...pii.emails, ...MORE_PII.emails]) expect(text, `email ${email}`).not.toContain(email);
  for (const phone of [...pii.phones, ...MORE_PII.phones]) expect(text, `phone ${phone}`).not.toContain(phone);
  for (const card of [...pii.cards, ...MORE_PII.cards]) expect(text, `card ${card}`).not.toContain(card);
  // Row ids are ours and random: in the SQLite file's bytes one that ends in digits can run into the date
  // stored after it ("…41158" + "2026-12-06" read as a 13-digit Luhn-valid run), so they are taken out first.
  const before = new Set(luhnValidRuns(withoutIds(baseline)));
  expect(luhnValidRuns(withoutIds(text)).filter((run) => !before.has(run))).toEqual([]);
};

describeEachDatabase('PII after import', (database) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(async () => {
    await db.close();
  });

  it('when every fixture (and more card, phone and email spellings) is imported, then none of them is stored anywhere, and placeholders stand in their place', async () => {
    const applied = await runFloorready(['config', 'apply'], { databaseUrl: db.url });
    expect(applied.code, applied.stderr).toBe(0);
    const baseline = await storedText(db);
    const dir = await writeFolder({ ...ALL_FIXTURES, 'more-formats.txt': { content: moreFormats, meta: { agent: 'AG-103' } } });
    const run = await runFloorready(['import', dir], { databaseUrl: db.url });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('Imported 8,');
    expect(run.stdout).toMatch(/Redacted before storing: \d+ card numbers, .*\d+ phone numbers, \d+ email addresses/);

    const calls = await db.prisma.call.findMany();
    const turnsText = JSON.stringify(calls.map((call) => call.turns));
    for (const placeholder of ['[CARD]', '[EMAIL]', '[PHONE]']) expect(turnsText).toContain(placeholder);
    const total = (kind: string) => calls.reduce((sum, call) => sum + ((call.redactions as Record<string, number> | null)?.[kind] ?? 0), 0);
    expect(total('card')).toBeGreaterThanOrEqual(5);
    expect(total('email')).toBeGreaterThanOrEqual(6);
    expect(total('phone')).toBeGreaterThanOrEqual(5);

    const stored = await storedText(db);
    expect(stored).toContain('[CARD]');
    await expectNoPii(stored, baseline);
  });
});
