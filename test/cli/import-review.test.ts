import { afterEach, beforeEach, expect, it } from 'vitest';

import { describeEachDatabase, storedText, type TestDatabase } from '../support/database.ts';
import { runFloorready, writeFolder } from '../support/cli.ts';

/** Personal data as callers and speech-to-text write it, each planted once below. */
const PII = {
  cards: ['4242, 4242, 4242, 4242', '3782 - 822463 - 10005', '5425 2334 3010 9903', '4485 2753 4276 0125'],
  phones: ['0044 20 7946 0958', '+49 30 1234567', '(312) 555 - 0199', '+1-312-555-0142', '312.555.0133'],
  emails: ['KEVIN.MARSH@FASTMAIL.COM', 'fatima.zahra@hotmail.fr'],
  spokenEmails: ['john dot whitaker at gmail dot com'],
};
const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** Transcripts shaped like real exports: Otter, Teams (`<v Last, First>`), Zoom, Google Meet, JSON diarisation. */
const FILES = {
  'otter.txt': {
    content: `Ana Ruiz  0:03\nThank you for calling Northside, this is Ana.\n\nKevin Marsh  0:07\nMy new card is ${PII.cards[3]}, email ${PII.emails[0]}.\n\nAna Ruiz  0:15\nThanks Kevin, updated.\n\nTranscribed by https://otter.ai\n`,
    meta: { agent: 'AG-101' },
  },
  'teams.vtt': {
    content: `WEBVTT\r\n\r\n1a2b3c4d-0000-4000-8000-000000000001/5-0\r\n00:00:00.000 --> 00:00:05.000\r\n<v Patel, Dev>Northside, this is Dev.</v>\r\n\r\n1a2b3c4d-0000-4000-8000-000000000002/5-0\r\n00:00:05.000 --> 00:00:11.000\r\n<v Okonkwo, Adaeze>Pay with Amex ${PII.cards[1]}, call me on ${PII.phones[0]}.</v>\r\n\r\n1a2b3c4d-0000-4000-8000-000000000003/5-0\r\n00:00:11.000 --> 00:00:14.000\r\n<v Patel, Dev>Done.</v>\r\n`,
    meta: { agent: 'AG-104' },
  },
  'zoom.vtt': {
    content: `WEBVTT\n\n1\n00:00:00.560 --> 00:00:03.200\nBen Okafor: Northside, Ben speaking.\n\n2\n00:00:03.800 --> 00:00:09.100\nJohn Whitaker: It's ${PII.cards[0]}, email ${PII.spokenEmails[0]}, phone ${PII.phones[2]}.\n\n3\n00:00:09.500 --> 00:00:12.000\nBen Okafor: Thanks John.\n`,
    meta: { agent: 'AG-102' },
  },
  'meet.txt': {
    content: `Call - Transcript\n00:00:00\n\nChloe Martin: Northside billing.\nOlivia Grant: My card ${PII.cards[2]} and ${PII.phones[1]}.\n\n00:01:00\n\nChloe Martin: Thanks Olivia.\n`,
    meta: { agent: 'AG-103' },
  },
  'diarised.json': {
    content: JSON.stringify([
      { speaker: 0, text: 'Northside, Eli here.', start: 0 },
      { speaker: 1, text: `Email ${PII.emails[1]}, phone ${PII.phones[3]} or ${PII.phones[4]}.`, start: 2 },
    ]),
    meta: { agent: 'AG-105', agentSpeaker: 'Speaker 0' },
  },
  'summary.pdf': { content: Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), meta: { agent: 'AG-101' } },
};

describeEachDatabase('import of review transcripts', (database) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(async () => {
    await db.close();
  });

  it('when Otter, Teams, Zoom, Meet and diarised JSON exports are imported beside a PDF, then each lands once, the PDF is named, and no PII survives in any spelling', async () => {
    const applied = await runFloorready(['config', 'apply'], { databaseUrl: db.url });
    expect(applied.code, applied.stderr).toBe(0);
    const dir = await writeFolder(FILES);

    const first = await runFloorready(['import', dir], { databaseUrl: db.url, cwd: dir });
    expect(first.code).toBe(1);
    expect(first.stdout, first.stdout).toContain('Imported 5, duplicates 0, failed 1.');
    expect(first.stdout).toMatch(/failed summary\.pdf: This file is a PDF document, not a text transcript\./);

    const second = await runFloorready(['import', dir], { databaseUrl: db.url, cwd: dir });
    expect(second.stdout).toContain('Imported 0, duplicates 5, failed 1.');

    const stored = await storedText(db);
    expect(stored).toContain('[CARD]');
    const storedDigits = digitsOf(stored);
    for (const value of [...PII.cards, ...PII.phones]) {
      expect(stored, value).not.toContain(value);
      expect(storedDigits, `digits of ${value}`).not.toContain(digitsOf(value));
    }
    for (const email of PII.emails) expect(stored.toLowerCase(), email).not.toContain(email.toLowerCase());
    expect(stored).not.toContain('whitaker at gmail');
  });
});
