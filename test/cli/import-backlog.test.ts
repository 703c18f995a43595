/**
 * A backlog imported as a new user would (issue 18): a folder with no --agent finds each call's agent in
 * the call; dates and external ids come from the exports; `import --manifest` gives many files' metadata
 * at once and is checked whole before anything is stored. Through the real CLI into a real SQLite file.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { readPlatformFixture } from '../ingest/read-fixture.ts';
import { jsonOf, runFloorready, tempDir, writeFolder } from '../support/cli.ts';
import { emptySqlite, type EmptyDatabase } from '../support/database.ts';

type Json = Record<string, unknown>;
const fixture = (name: string): Json => JSON.parse(readPlatformFixture(name).toString('utf8')) as Json;

interface CallJson {
  externalId: string | null;
  agent: { key: string; name: string };
  occurredAt: string;
  dateSource: string | null;
  kind: string;
  callType: string | null;
}

/** A Twilio sentence list (channels 1 and 2, no participants) whose agent opens "Northside, you're through to <name>". */
const twilioThroughTo = (name: string, order: number): string => {
  const data = fixture('twilio-sentences-only.json');
  const sentences = (data.sentences as Json[]).map((sentence, index) =>
    index === 0
      ? { ...sentence, transcript: `Northside, you're through to ${name}.` }
      : { ...sentence, transcript: String(sentence.transcript).replace('1048', String(order)) },
  );
  return JSON.stringify({ sid: `GT${order}`, date_created: '2026-10-02T09:30:00Z', ...data, sentences });
};

/** A Gong transcript without parties whose agent opens "Hi, <name> from Northside" and is thanked by name. */
const gongFromCompany = (name: string): string => {
  const data = fixture('gong-transcript-only.json');
  const call = (data.callTranscripts as Json[])[0] as Json;
  const transcript = (call.transcript as Json[]).map((monologue, index) => {
    const sentences = monologue.sentences as Json[];
    const text =
      index === 0 ? `Hi, ${name} from Northside, how can I help?` : index === 5 ? `Great, thank you ${name}.` : String(sentences[0]?.text);
    return { ...monologue, sentences: [{ ...sentences[0], text }] };
  });
  return JSON.stringify({ ...data, callTranscripts: [{ ...call, transcript }] });
};

const ZOOM_WITH_AGENT_LABEL = `WEBVTT

00:00:00.500 --> 00:00:04.000
Dev Patel: Thanks for calling, how can I help?

00:00:04.500 --> 00:00:08.000
Sam Carter: My invoice 7741 is wrong.

00:00:08.500 --> 00:00:12.000
Dev Patel: Let me check that for you, I'm sorry about the trouble.
`;

describe('a backlog imported without hand work', () => {
  let database: EmptyDatabase;
  beforeEach(async () => {
    database = await emptySqlite();
  });
  afterEach(async () => {
    await database.drop();
  });

  const calls = async (): Promise<CallJson[]> =>
    jsonOf<CallJson[]>(await runFloorready(['calls', '--json', '--limit', '100'], { databaseUrl: database.url }));

  it("when a folder is imported with no --agent, then each call's agent is found in the call and said, and a call naming no agent fails alone", async () => {
    const dir = await writeFolder({
      'GMT20261001-141500_Recording.transcript.vtt': { content: ZOOM_WITH_AGENT_LABEL },
      'twilio-ben.json': { content: twilioThroughTo('Ben', 5501) },
      'gong-chloe.json': { content: gongFromCompany('Chloe') },
      'nobody.txt': { content: 'Speaker 1: Hello.\nSpeaker 2: Hi, my order 3312 never came.' },
    });
    const run = await runFloorready(['import', dir], { databaseUrl: database.url });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('Imported 3, duplicates 0, failed 1.');
    expect(run.stderr).toMatch(
      /GMT20261001-141500_Recording\.transcript\.vtt \(vtt, 3 turns, Dev Patel: agent found by their configured name or alias as a speaker label/,
    );
    expect(run.stderr).toMatch(
      /twilio-ben\.json \(twilio, 7 turns, Ben Okafor: agent found by their name in the agent's introduction, agent told apart by the agent's name in their introduction/,
    );
    expect(run.stderr).toMatch(/gong-chloe\.json \(gong, 7 turns, Chloe Martin: agent found by their name in the agent's introduction/);
    expect(run.stdout).toMatch(/failed .*nobody\.txt: no agent given, and none of the configured agents is named in the call/);
    const byAgent = Object.fromEntries((await calls()).map((call) => [call.agent.name, call]));
    expect(Object.keys(byAgent).sort()).toEqual(['Ben Okafor', 'Chloe Martin', 'Dev Patel']);
    // Zoom: the date in the file's name; Twilio: its date_created and its sid; Gong: its callId, no date of its own.
    expect(byAgent['Dev Patel']).toMatchObject({ occurredAt: '2026-10-01T14:15:00.000Z', dateSource: 'the file name', externalId: null });
    expect(byAgent['Ben Okafor']).toMatchObject({
      occurredAt: '2026-10-02T09:30:00.000Z',
      dateSource: "the export's date_created",
      externalId: 'GT5501',
    });
    expect(byAgent['Chloe Martin']).toMatchObject({ externalId: '77823422740259371051' });
    expect(byAgent['Chloe Martin']?.dateSource).toMatch(/^import time/);
  });

  it('when exports carry their own dates and ids, then each import uses them and says which field, and --at only dates the rest', async () => {
    const dialpad = fixture('dialpad.json');
    const contactLens = {
      ...fixture('contact-lens.json'),
      CustomerMetadata: { ContactId: 'c1a2b3c4-0000-4000-8000-00000000cl01', InstanceId: 'i-1' },
    };
    const dir = await writeFolder({
      'genesys.json': { content: readPlatformFixture('genesys.json').toString('utf8') },
      'dialpad.json': { content: JSON.stringify(dialpad) },
      'gong.json': { content: readPlatformFixture('gong.json').toString('utf8') },
      'vcon.json': { content: readPlatformFixture('vcon.json').toString('utf8') },
      'c1a2b3c4_analysis_2026-09-29T16:20:05Z.json': { content: JSON.stringify(contactLens) },
      'chat.json': { content: readPlatformFixture('chat.json').toString('utf8') },
    });
    const run = await runFloorready(['import', dir, '--agent', 'AG-101', '--at', '2026-09-15T10:00:00Z'], { databaseUrl: database.url });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /genesys\.json \(genesys, .*dated from the export's conversationStartTime, external id from the export's conversationId, type billing_dispute \(inferred from '[^)]+'\)\)/,
    );
    expect(run.stderr).toMatch(
      /dialpad\.json \(dialpad, .*dated from the export's lines\[\]\.time \(earliest\), external id from the export's call_id, type billing_dispute \(inferred from '[^)]+'\)\)/,
    );
    expect(run.stderr).toMatch(/chat\.json \(chat-json, .*dated as given \(--at\), type billing_dispute \(inferred from '[^)]+'\)\)/);
    const byId = Object.fromEntries((await calls()).map((call) => [call.externalId ?? 'none', call]));
    expect(byId['c0a8b7d2-0000-4000-8000-000000001046']?.occurredAt).toBe(new Date(1789999995000).toISOString());
    expect(byId['5108471234201600']?.occurredAt).toBe('2026-09-30T14:05:00.540Z');
    expect(byId['77823422740259371050']).toMatchObject({
      occurredAt: '2026-09-30T14:05:00.000Z',
      dateSource: "the export's calls.0.metaData.started",
    });
    expect(byId['0195544a-b9b1-8ee4-b9a2-279e0d161052']).toMatchObject({
      occurredAt: '2026-09-30T14:06:00.000Z',
      dateSource: "the export's created_at",
    });
    expect(byId['c1a2b3c4-0000-4000-8000-00000000cl01']).toMatchObject({
      occurredAt: '2026-09-29T16:20:05.000Z',
      dateSource: 'the file name',
    });
    // Chat JSON holds neither: --at dates it, and it has no external id.
    expect(byId.none).toMatchObject({ occurredAt: '2026-09-15T10:00:00.000Z', dateSource: 'given (--at)' });
  });

  it('when the same export is imported again without an id given, then its own call id makes it a duplicate', async () => {
    const dir = await writeFolder({ 'genesys.json': { content: readPlatformFixture('genesys.json').toString('utf8') } });
    expect((await runFloorready(['import', dir, '--agent', 'AG-101'], { databaseUrl: database.url })).code).toBe(0);
    const again = await runFloorready(['import', dir, '--agent', 'AG-101'], { databaseUrl: database.url });
    expect(again.stdout).toContain('Imported 0, duplicates 1, failed 0.');
    expect(again.stdout).toContain('already stored (same external id)');
  });

  it("when a manifest gives many files' metadata, then each file is imported with its row", async () => {
    const dir = await writeFolder({
      'a.txt': { content: 'Agent: Thank you for calling, how can I help?\nCustomer: I was charged twice.' },
      'b.txt': { content: 'Agent: Hello, billing, how can I help?\nCustomer: My refund never arrived.' },
    });
    const manifest = path.join(dir, 'calls.csv');
    await writeFile(
      manifest,
      'file,agent,type,at,external_id,roleplay\na.txt,AG-102,Billing dispute,2026-09-01T10:00:00Z,crm-1,no\nb.txt,ana.ruiz@example.com,,2026-09-02,crm-2,yes\n',
    );
    const run = await runFloorready(['import', '--manifest', manifest], { databaseUrl: database.url });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Imported 2, duplicates 0, failed 0.');
    const byId = Object.fromEntries((await calls()).map((call) => [call.externalId, call]));
    expect(byId['crm-1']).toMatchObject({
      agent: { name: 'Ben Okafor' },
      callType: 'billing_dispute',
      kind: 'live',
      occurredAt: '2026-09-01T10:00:00.000Z',
      dateSource: 'given',
    });
    // A bare date is the start of that day in the agent's team's zone (America/Chicago).
    expect(byId['crm-2']).toMatchObject({ agent: { name: 'Ana Ruiz' }, kind: 'roleplay', occurredAt: '2026-09-02T05:00:00.000Z' });
  });

  it('when a manifest has bad rows, then every problem is listed with its row and nothing is stored', async () => {
    const dir = await writeFolder({ 'a.txt': { content: 'Agent: Hi, how can I help?\nCustomer: Charged twice.' } });
    const manifest = path.join(dir, 'calls.csv');
    await writeFile(
      manifest,
      'file,agent,type,at,external_id,roleplay\na.txt,AG-101,,,x-1,\nmissing.txt,AG-999,,,x-2,\na.txt,AG-101,no such type,2026-02-30,x-1,maybe\n',
    );
    const run = await runFloorready(['import', '--manifest', manifest], { databaseUrl: database.url });
    expect(run.code).toBe(1);
    const said = run.stdout + run.stderr;
    expect(said).toContain('nothing was imported');
    expect(said).toContain('row 3: "missing.txt" does not exist');
    expect(said).toContain('row 3: no agent "AG-999" is configured');
    expect(said).toContain('row 4: "a.txt" is listed twice (also row 2)');
    expect(said).toContain('row 4: unknown call type "no such type"');
    expect(said).toMatch(/row 4: "at": /);
    expect(said).toContain('row 4: external_id "x-1" is used twice (also row 2)');
    expect(said).toContain('row 4: "roleplay" is "maybe"');
    expect(await calls()).toEqual([]);
  });

  it('when a manifest has an unknown column, then it says which columns it takes', async () => {
    const dir = await tempDir();
    const manifest = path.join(dir, 'calls.csv');
    await writeFile(manifest, 'file,agnt\na.txt,AG-101\n');
    const run = await runFloorready(['import', '--manifest', manifest], { databaseUrl: database.url });
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('only these columns: file, agent, type, at, external_id, roleplay (unknown: agnt)');
  });
});
