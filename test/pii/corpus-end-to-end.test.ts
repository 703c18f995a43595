import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resolveDatabaseUrl } from '../../src/db/database-url.ts';
import { buildPiiCorpus, CORPUS_FORMATS, renderCall, type CorpusCall, type PlantedValue } from '../fixtures/pii/corpus.ts';
import { respondWithScores, startFakeOpenAi, type FakeOpenAi } from '../fakes/openai-server.ts';
import { emptySqlite, type EmptyDatabase } from '../support/database.ts';
import { runFloorready, writeFolder, type FolderFile } from '../support/cli.ts';

// The corpus of planted customer data, imported from a clean start through the real CLI into a real
// SQLite file and scored by the LLM scorer against the fake OpenAI server, whose answers quote customer
// data back (summary, rationale) as a careless model might. Nothing planted may reach the file's bytes,
// a request to the model, or what `calls` prints; the decoys must survive.

const AGENTS = ['AG-101', 'AG-102', 'AG-103', 'AG-104', 'AG-105'];
/** What the fake model writes back: customer data of its own making, which must be redacted before storage. */
const MODEL_LEAKS: PlantedValue[] = [
  { category: 'email', said: 'marisol.echeverria@mailbox.shop', spoken: false, probes: ['marisol.echeverria@mailbox.shop'], textProbes: [] },
  { category: 'card', said: '4000 0566 5566 5556', spoken: false, probes: ['4000 0566 5566 5556', '4000056655665556'], textProbes: [] },
  { category: 'phone', said: '07700 900777', spoken: false, probes: ['07700 900777'], textProbes: [] },
  { category: 'name', said: 'Philippa Ravensworth', spoken: false, probes: [/\bPhilippa\b/i, /\bRavensworth\b/i], textProbes: [] },
];

const found = (haystack: string, probe: string | RegExp): boolean => (typeof probe === 'string' ? haystack.includes(probe) : probe.test(haystack));

const rawFileText = async (url: string): Promise<string> => {
  const target = resolveDatabaseUrl(url);
  if (target.provider !== 'sqlite') throw new Error('expected a SQLite URL');
  const files = [target.filePath, `${target.filePath}-wal`].filter((file) => existsSync(file));
  return (await Promise.all(files.map((file) => readFile(file)))).map((buffer) => buffer.toString('latin1')).join('\n');
};

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
    fake.setHandler(
      respondWithScores((key) => ({ rationale: `For ${key}: the customer Mrs ${MODEL_LEAKS[3]?.said} gave card ${MODEL_LEAKS[1]?.said} and phone ${MODEL_LEAKS[2]?.said}.` }), {
        summary: `Refund for Mrs ${MODEL_LEAKS[3]?.said} (${MODEL_LEAKS[0]?.said}).`,
      }),
    );
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
    const llm = { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'test-key', OPENAI_MODEL: 'fake-model', OPENAI_MAX_RETRIES: '1', OPENAI_TIMEOUT_MS: '10000' };
    const scored = await runFloorready(['score'], { databaseUrl: database.url, env: llm });
    expect(scored.code, scored.stdout + scored.stderr).toBe(0);
    expect(scored.stdout).toContain(`Scored ${corpus.length}, failed 0`);
    const calls = await runFloorready(['calls', '--json', '--limit', '1000'], { databaseUrl: database.url });
    expect(calls.code, calls.stderr).toBe(0);
    callsOutput = calls.stdout;
    requests = fake.requests.map((request) => request.rawBody).join('\n');
    fileBytes = await rawFileText(database.url);
    const parsed = JSON.parse(callsOutput) as unknown[];
    storedTexts = JSON.stringify(parsed);
  }, 600_000);

  afterAll(async () => {
    await fake?.close();
    await database?.drop();
  });

  it('when the corpus is imported and scored, then no planted value is in the SQLite file, a model request or `calls`, and at least 95% of decoys are intact', () => {
    const planted = corpus.flatMap((call) => call.planted);
    expect(planted.length).toBeGreaterThanOrEqual(150);
    const all = [...planted, ...MODEL_LEAKS];
    const leaks: string[] = [];
    const perCategory = new Map<string, { planted: number; leaked: number; spoken: number }>();
    for (const value of all) {
      const places = [
        ...value.probes.flatMap((probe) => [
          ...(found(fileBytes, probe) ? [`file bytes (${String(probe)})`] : []),
          ...(found(requests, probe) ? [`model request (${String(probe)})`] : []),
          ...(found(callsOutput, probe) ? [`calls (${String(probe)})`] : []),
        ]),
        ...value.textProbes.flatMap((probe) => [
          ...(found(requests, probe) ? [`model request (${String(probe)})`] : []),
          ...(found(storedTexts, probe) ? [`calls (${String(probe)})`] : []),
        ]),
      ];
      const entry = perCategory.get(value.category) ?? { planted: 0, leaked: 0, spoken: 0 };
      entry.planted += 1;
      if (value.spoken) entry.spoken += 1;
      if (places.length > 0) {
        entry.leaked += 1;
        leaks.push(`${value.category} "${value.said}": ${places.join(', ')}`);
      }
      perCategory.set(value.category, entry);
    }
    const decoys = corpus.flatMap((call) => call.decoys);
    // The turns are stored as JSON text in the file: a decoy is intact when it is there as written.
    const lost = decoys.filter((decoy) => !fileBytes.includes(decoy.text));
    const recall = (all.length - leaks.length) / all.length;
    const kept = (decoys.length - lost.length) / decoys.length;

    const lines = [
      `PII corpus: ${corpus.length} calls in ${CORPUS_FORMATS.join(', ')}; ${all.length} planted values (${planted.filter((value) => value.spoken).length} spoken), ${decoys.length} decoys`,
      `  redacted (recall): ${(recall * 100).toFixed(1)}% — ${leaks.length} planted values found in the SQLite file, ${fake.requests.length} model requests or \`calls\``,
      `  decoys intact (precision): ${(kept * 100).toFixed(1)}% — ${lost.length} lost`,
      ...[...perCategory].map(([category, entry]) => `    ${category.padEnd(9)} ${String(entry.planted).padStart(3)} planted (${entry.spoken} spoken), ${entry.leaked} leaked`),
      ...leaks.map((leak) => `  LEAK ${leak}`),
      ...lost.map((decoy) => `  LOST ${decoy.kind} ${decoy.text}`),
    ];
    console.log(lines.join('\n'));

    expect(new Set(perCategory.keys()).size).toBe(16);
    expect(fake.requests.length).toBe(corpus.length);
    expect(leaks).toEqual([]);
    expect(kept).toBeGreaterThanOrEqual(0.95);
  });

  it('when the scorer answered with customer data, then the stored summary, rationales and evidence carry placeholders instead', () => {
    expect(callsOutput).toContain('[EMAIL]');
    expect(callsOutput).toContain('[CARD]');
    expect(callsOutput).toMatch(/the customer Mrs \[NAME\] gave card \[CARD\] and phone \[PHONE\]/);
    expect(callsOutput).toMatch(/Refund for Mrs \[NAME\] \(\[EMAIL\]\)/);
  });
});
