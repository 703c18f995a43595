import { writeFile } from 'node:fs/promises';

import { afterEach, beforeEach, expect, it } from 'vitest';

import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { jsonOf, runFloorready, writeConfig, writeFolder, type FolderFile } from '../support/cli.ts';

interface CallJson {
  id: string;
  externalId: string | null;
  agent: { key: string; name: string };
  kind: string;
  callType: string | null;
  occurredAt: string;
  state: string;
  redactions: Record<string, number> | null;
}

/** Every good fixture, one per agent of the example config where possible, with the metadata a sidecar gives. */
const GOOD: Record<string, FolderFile> = {
  'text/call.txt': {
    fixture: 'call.txt',
    meta: { agent: 'AG-101', type: 'billing_dispute', externalId: 'ext-call-txt', at: '2026-09-01T10:00:00Z' },
  },
  'text/call-timestamped.txt': { fixture: 'call-timestamped.txt', meta: { agent: 'ben.okafor@example.com', at: '2026-09-02' } },
  'srt/call.srt': { fixture: 'call.srt', meta: { agent: 'U0CHLOE001', type: 'escalation', roleplay: true, at: '2026-09-03T08:30:00Z' } },
  'vtt/teams.vtt': { fixture: 'teams.vtt', meta: { agent: 'AG-104', externalId: 'teams-0001', at: '2026-09-04' } },
  'vtt/zoom.vtt': { fixture: 'zoom.vtt', meta: { agent: 'AG-105', agentSpeaker: 'Sarah Jones', at: '2026-09-05' } },
  'json/turns.json': { fixture: 'turns.json', meta: { agent: 'AG-101', at: '2026-09-06' } },
  'json/turns-object.json': {
    fixture: 'turns-object.json',
    meta: { agent: 'AG-102', agentSpeaker: 'Priya Patel', externalId: 'zx-20240312-0042', at: '2026-09-07' },
  },
};

/** Rows of every table ingestion could touch. */
const countRows = async (db: TestDatabase) => ({
  call: await db.prisma.call.count(),
  evaluation: await db.prisma.evaluation.count(),
  criterionScore: await db.prisma.criterionScore.count(),
  agent: await db.prisma.agent.count(),
});

describeEachDatabase('floorready import', (database) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await database.open();
  });
  afterEach(async () => {
    await db.close();
  });

  const callCount = () => db.prisma.call.count();

  it('when every fixture format is imported twice, then each lands once and the second run reports every file as a duplicate', async () => {
    const dir = await writeFolder(GOOD);
    const first = await runFloorready(['import', dir], { databaseUrl: db.url });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Imported 7, duplicates 0, failed 0.');
    for (const format of ['text', 'srt', 'vtt', 'json']) expect(first.stderr).toMatch(new RegExp(`imported .*\\(${format},`));
    expect(await callCount()).toBe(7);

    const second = await runFloorready(['import', dir], { databaseUrl: db.url });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Imported 0, duplicates 7, failed 0.');
    expect(await callCount()).toBe(7);
  });

  it('when sidecars give agent, type, roleplay, date and external id, then each call carries them and is queued', async () => {
    const dir = await writeFolder(GOOD);
    expect((await runFloorready(['import', dir], { databaseUrl: db.url })).code).toBe(0);
    const listed = await runFloorready(['calls', '--json'], { databaseUrl: db.url });
    expect(listed.code, listed.stderr).toBe(0);
    const calls = jsonOf<CallJson[]>(listed);
    expect(calls).toHaveLength(7);
    // A bare date is the start of that day in the team's zone (America/Chicago, UTC−5 in September).
    const byDate = new Map(calls.map((call) => [call.occurredAt, call]));

    expect(byDate.get('2026-09-01T10:00:00.000Z')).toMatchObject({
      agent: { name: 'Ana Ruiz' },
      kind: 'live',
      callType: 'billing_dispute',
      externalId: 'ext-call-txt',
      state: 'queued',
    });
    expect(byDate.get('2026-09-02T05:00:00.000Z')).toMatchObject({
      agent: { name: 'Ben Okafor' },
      kind: 'live',
      // No type given: inferred at ingest from what the call is about, and said to be.
      callType: 'basic_inbound',
      callTypeInferred: true,
      externalId: null,
    });
    expect(byDate.get('2026-09-03T08:30:00.000Z')).toMatchObject({
      agent: { name: 'Chloe Martin' },
      kind: 'roleplay',
      callType: 'escalation',
    });
    expect(byDate.get('2026-09-04T05:00:00.000Z')).toMatchObject({ agent: { name: 'Dev Patel' }, externalId: 'teams-0001' });
    expect(byDate.get('2026-09-07T05:00:00.000Z')).toMatchObject({ agent: { name: 'Ben Okafor' }, externalId: 'zx-20240312-0042' });
    expect(calls.every((call) => call.state === 'queued')).toBe(true);

    // The agent speaker given in a sidecar decides the roles.
    const zoom = await db.prisma.call.findFirstOrThrow({ where: { occurredAt: new Date('2026-09-05T05:00:00Z') } });
    const turns = zoom.turns as { role: string; text: string }[];
    expect(turns[0]).toMatchObject({ role: 'agent' });
    expect(turns[0]?.text).toContain('Thank you for calling Acme');
    expect(turns[1]).toMatchObject({ role: 'customer' });
  });

  it('when a file has the external id of a stored call, or the content of one under another name, then it is a duplicate and says which', async () => {
    const dir = await writeFolder(GOOD);
    expect((await runFloorready(['import', dir], { databaseUrl: db.url })).code).toBe(0);
    const again = await writeFolder({
      // Different words, same external id as call.txt: the same call from the platform's point of view.
      'edited.txt': {
        content: 'Agent: Hello, this is a re-export.\nCustomer: Same call, new text.\n',
        meta: { agent: 'AG-101', externalId: 'ext-call-txt' },
      },
      // The SRT fixture again, renamed and without metadata but for the agent.
      'renamed-copy.srt': { fixture: 'call.srt', meta: { agent: 'AG-103' } },
      // The same turns as turns.json, for the same agent, given on the command line.
      'turns-again.json': { fixture: 'turns.json' },
    });
    const run = await runFloorready(['import', again, '--agent', 'AG-101'], { databaseUrl: db.url, cwd: again });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Imported 0, duplicates 3, failed 0.');
    expect(run.stdout).toMatch(/duplicate edited\.txt.*same external id/);
    expect(run.stdout).toMatch(/duplicate renamed-copy\.srt.*same content for this agent/);
    expect(run.stdout).toMatch(/duplicate turns-again\.json.*same content for this agent/);
    expect(await callCount()).toBe(7);
  });

  it('when malformed files sit beside good ones, then each bad file fails with a readable reason, the good ones import, exit code 1, nothing half-stored', async () => {
    const config = await writeConfig({ ingest: { maxBytes: 1024 } });
    const big = `${Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'Agent: Let me check that for you right now.' : 'Customer: Thanks, I will wait here.')).join('\n')}\n`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024);
    const dir = await writeFolder({
      'good/call.txt': { fixture: 'call.txt', meta: { agent: 'AG-101' } },
      'good/call.srt': { fixture: 'call.srt', meta: { agent: 'AG-102' } },
      'good/turns.json': { fixture: 'turns.json', meta: { agent: 'AG-103' } },
      'bad/empty.txt': { fixture: 'empty.txt', meta: { agent: 'AG-101' } },
      'bad/binary.bin': { fixture: 'binary.bin', meta: { agent: 'AG-101' } },
      'bad/unknown.xml': { fixture: 'unknown.xml', meta: { agent: 'AG-101' } },
      'bad/too-large.txt': { content: big, meta: { agent: 'AG-101' } },
      'bad/no-speakers.txt': { fixture: 'no-speakers.txt', meta: { agent: 'AG-101' } },
      'bad/unknown-agent.txt': { content: 'Agent: Hello.\nCustomer: Hi there.\n', meta: { agent: 'AG-999' } },
      // No label, introduction, name or greeting tells the agent here.
      'bad/who-is-agent.json': {
        content: JSON.stringify({
          turns: [
            { speaker: 'Priya Patel', text: 'Hello.' },
            { speaker: 'Sam', text: 'My parcel is late.' },
          ],
        }),
        meta: { agent: 'AG-104' },
      },
      'bad/bad-shape.json': { fixture: 'bad-shape.json', meta: { agent: 'AG-101' } },
    });
    const applied = await runFloorready(['config', 'apply', config], { databaseUrl: db.url, configPath: config });
    expect(applied.code, applied.stderr).toBe(0);
    const tablesBefore = await countRows(db);
    const run = await runFloorready(['import', dir], { databaseUrl: db.url, configPath: config, cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Imported 3, duplicates 0, failed 8.');
    const reason = (file: string): string => {
      const line = run.out.find((text) => text.startsWith(`  failed ${file}:`));
      expect(line, `${file} is reported as failed in:\n${run.stdout}`).toBeDefined();
      return line ?? '';
    };
    expect(reason('bad/empty.txt')).toMatch(/transcript is empty/);
    expect(reason('bad/binary.bin')).toMatch(/not a text transcript|not valid UTF-8/);
    expect(reason('bad/unknown.xml')).toMatch(/Could not recognise the transcript format/);
    expect(reason('bad/too-large.txt')).toMatch(/over the 1 KiB limit/);
    expect(reason('bad/no-speakers.txt')).toMatch(/No speaker labels/);
    expect(reason('bad/unknown-agent.txt')).toMatch(/No agent "AG-999" is configured/);
    expect(reason('bad/who-is-agent.json')).toMatch(/Could not tell which speaker is the agent.*"Priya Patel".*--agent-speaker/s);
    expect(reason('bad/bad-shape.json')).toMatch(/JSON transcript is invalid/);
    expect(run.stderr).not.toContain('This is a bug');

    const tablesAfter = await countRows(db);
    expect(tablesAfter.call - tablesBefore.call).toBe(3);
    expect(tablesAfter).toEqual({ ...tablesBefore, call: tablesBefore.call + 3 });
    const stored = await db.prisma.call.findMany({ select: { sourceName: true } });
    expect(stored.map((call) => call.sourceName).sort()).toEqual(['good/call.srt', 'good/call.txt', 'good/turns.json']);
  });

  it('when a path is missing, a sidecar is wrong or no agent is given, then each file fails with a reason naming the fix, and the rest import', async () => {
    const dir = await writeFolder({
      'ok.txt': { content: 'Agent: Hello, how can I help?\nCustomer: My order is late.\n', meta: { agent: 'AG-101' } },
      'extra-key.txt': { content: 'Agent: Hi.\nCustomer: One.\n', meta: { agent: 'AG-101', reviewer: 'me' } },
      'bad-date.txt': { content: 'Agent: Hi.\nCustomer: Two.\n', meta: { agent: 'AG-101', at: 'yesterday' } },
      'no-agent.txt': { content: 'Agent: Hi.\nCustomer: Three.\n' },
      'broken-sidecar.txt': { content: 'Agent: Hi.\nCustomer: Four.\n' },
      'bad-type.txt': { content: 'Agent: Hi.\nCustomer: Five.\n', meta: { agent: 'AG-101', type: 'walk_in' } },
    });
    await writeFile(`${dir}/broken-sidecar.txt.meta.json`, '{"agent": "AG-101",');
    const run = await runFloorready(['import', dir, `${dir}/missing.vtt`], { databaseUrl: db.url, cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Imported 1, duplicates 0, failed 6.');
    expect(run.stdout).toMatch(/failed \S*missing\.vtt: no such file or folder/);
    expect(run.stdout).toMatch(/failed extra-key\.txt: extra-key\.txt\.meta\.json: .*"reviewer".*Allowed keys: agent, type/);
    expect(run.stdout).toMatch(/failed bad-date\.txt: bad-date\.txt\.meta\.json: "at": "yesterday" is not an ISO date; use YYYY-MM-DD/);
    expect(run.stdout).toMatch(
      /failed no-agent\.txt: no agent given, and none of the configured agents is named in the call .*Give the agent with --agent/,
    );
    expect(run.stdout).toMatch(/failed broken-sidecar\.txt: broken-sidecar\.txt\.meta\.json is not valid JSON/);
    expect(run.stdout).toMatch(/failed bad-type\.txt: Unknown call type "walk_in"/);
    expect(await callCount()).toBe(1);
  });
});
