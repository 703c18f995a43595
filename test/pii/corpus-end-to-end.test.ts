import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildPiiCorpus, CORPUS_FORMATS, renderCall, type CorpusCall } from '../fixtures/pii/corpus.ts';
import {
  LEAKY_SUMMARY,
  leakyRationale,
  MODEL_LEAKS,
  probeSearch,
  sqliteFileText,
  tallyCorpus,
  withoutDecoys,
  withoutRowIds,
} from '../fixtures/pii/corpus-check.ts';
import { respondWithScores, startFakeOpenAi, type FakeOpenAi } from '../fakes/openai-server.ts';
import { emptySqlite, type EmptyDatabase } from '../support/database.ts';
import { runFloorready, writeFolder, type FolderFile } from '../support/cli.ts';

// The corpus of planted customer data, imported from a clean start through the real CLI into a real
// SQLite file and scored by the LLM scorer against the fake OpenAI server, whose answers quote customer
// data back (summary, rationale) as a careless model might. Nothing planted may reach the file's bytes,
// a request to the model, or what `calls` prints; the decoys must survive. (Every platform export and
// every entry point: corpus-every-entry-point.test.ts.)

const AGENTS = ['AG-101', 'AG-102', 'AG-103', 'AG-104', 'AG-105'];

describe('PII corpus end to end (CLI import into SQLite, LLM scorer against the fake OpenAI server)', () => {
  let fake: FakeOpenAi;
  let database: EmptyDatabase;
  let corpus: CorpusCall[];
  let fileBytes: string;
  let requests: string;
  let callsOutput: string;
  let storedTexts: string;

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    fake.setHandler(respondWithScores((key) => ({ rationale: leakyRationale(key) }), { summary: LEAKY_SUMMARY }));
    database = await emptySqlite();
    corpus = buildPiiCorpus();
    const files: Record<string, FolderFile> = {};
    corpus.forEach((call, index) => {
      const format = CORPUS_FORMATS[index % CORPUS_FORMATS.length] ?? 'txt';
      const { fileName, content } = renderCall(call, format);
      files[fileName] = { content, meta: { agent: AGENTS[index % AGENTS.length], type: 'basic_inbound', externalId: call.id } };
    });
    const dir = await writeFolder(files);
    const imported = await runFloorready(['import', dir], { databaseUrl: database.url });
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`Imported ${corpus.length},`);
    const llm = {
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'test-key',
      OPENAI_MODEL: 'fake-model',
      OPENAI_MAX_RETRIES: '1',
      OPENAI_TIMEOUT_MS: '10000',
    };
    const scored = await runFloorready(['score'], { databaseUrl: database.url, env: llm });
    expect(scored.code, scored.stdout + scored.stderr).toBe(0);
    expect(scored.stdout).toContain(`Scored ${corpus.length}, failed 0`);
    const calls = await runFloorready(['calls', '--json', '--limit', '1000'], { databaseUrl: database.url });
    expect(calls.code, calls.stderr).toBe(0);
    callsOutput = calls.stdout;
    requests = fake.requests.map((request) => request.rawBody).join('\n');
    fileBytes = await sqliteFileText(database.url);
    const parsed = JSON.parse(callsOutput) as unknown[];
    // Short digit groups are looked for in the stored texts only: the string values of `calls --json`, less its
    // ids and times. A number (tokens, latency, a score), a random row id ("cmiz6001…") or a time stamp is no
    // transcript, and searching them for 4-digit tails made this test fail at random.
    const texts: string[] = [];
    const collect = (value: unknown, key: string): void => {
      if (typeof value === 'string') {
        if (!/^(id|.*Id|.*At)$/.test(key)) texts.push(value);
      } else if (Array.isArray(value)) value.forEach((item) => collect(item, key));
      else if (value !== null && typeof value === 'object') for (const [name, item] of Object.entries(value)) collect(item, name);
    };
    collect(parsed, '');
    storedTexts = texts.join('\n');
  }, 600_000);

  afterAll(async () => {
    await fake?.close();
    await database?.drop();
  });

  it('when the corpus is imported and scored, then no planted value is in the SQLite file, a model request or `calls`, and every decoy is intact', () => {
    const planted = corpus.flatMap((call) => call.planted);
    expect(planted.length).toBeGreaterThanOrEqual(150);
    const all = [...planted, ...MODEL_LEAKS];
    const decoys = corpus.flatMap((call) => call.decoys);
    // Short digit groups are looked for in what was sent and listed, decoys taken out: once, not per value.
    const short = {
      'model request': withoutRowIds(withoutDecoys(requests, decoys)),
      calls: withoutRowIds(withoutDecoys(storedTexts, decoys)),
    };
    // Every text is read once for all the probes (probeSearch), not once per probe.
    const search = probeSearch(all);
    // The turns are stored as JSON text in the file: a decoy is intact when it is there as written.
    const tally = tallyCorpus(
      `PII corpus: ${corpus.length} calls in ${CORPUS_FORMATS.join(', ')} through the CLI`,
      all,
      decoys,
      (value) => search.placesOf(value, { 'file bytes': fileBytes, 'model request': requests, calls: callsOutput }, short),
      (decoy) => fileBytes.includes(decoy.text),
    );
    console.log(tally.lines.join('\n'));

    expect(new Set(planted.map((value) => value.category)).size).toBe(16);
    expect(fake.requests.length).toBe(corpus.length);
    expect(tally.leaks).toEqual([]);
    // The README's figure for the corpus: 100% of decoys intact, not a share of them.
    expect(tally.lost.map((decoy) => decoy.text)).toEqual([]);
    expect(tally.kept).toBe(1);
  });

  it('when the scorer answered with customer data, then the stored summary, rationales and evidence carry placeholders instead', () => {
    expect(callsOutput).toContain('[EMAIL]');
    expect(callsOutput).toContain('[CARD]');
    expect(callsOutput).toMatch(/the customer Mrs \[NAME\] gave card \[CARD\] and phone \[PHONE\]/);
    expect(callsOutput).toMatch(/Refund for Mrs \[NAME\] \(\[EMAIL\]\)/);
  });
});
