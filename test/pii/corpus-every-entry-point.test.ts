/**
 * The PII corpus in every transcript format (text, WebVTT, SRT, JSON turns, CSV, vCon) and every call
 * platform's export shape (test/fixtures/pii/platform-renderings.ts, each built from the platform's own
 * fixture), through every entry point, on SQLite and PostgreSQL: a CLI folder import from a clean
 * start, POST /integrations/calls (signed, over loopback HTTP) and a file posted in the Slack ingest
 * channel (the app as it runs, composeApp, over loopback HTTP with the fake Slack Web API). Each entry point
 * gets one app and one database; its calls are scored by the LLM scorer (`floorready score` after the CLI
 * import; the running app's own scoring worker for the other two, whose scored notes and DMs then reach
 * the fake Slack) against the fake OpenAI server, whose answers quote customer data back. Nothing planted may be in the database (the
 * SQLite file's bytes, every PostgreSQL row), a model request or a Slack message; every decoy stays.
 * The counts and percentages asserted are the README's own (read by corpus-figures.ts), so the two agree.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { openDatabase } from '../../src/db/client.ts';
import { buildPiiCorpus, CALLS_PER_CATEGORY_ROUND, CORPUS_FORMATS, renderCall, type CorpusCall } from '../fixtures/pii/corpus.ts';
import {
  everythingStored,
  LEAKY_SUMMARY,
  leakyRationale,
  MODEL_LEAKS,
  probeSearch,
  tallyCorpus,
  withoutDecoys,
  withoutRowIds,
  type CorpusTally,
} from '../fixtures/pii/corpus-check.ts';
import { readmeCorpusFigures } from '../fixtures/pii/corpus-figures.ts';
import { PLATFORM_SHAPES, renderPlatformCall } from '../fixtures/pii/platform-renderings.ts';
import { respondWithScores, startFakeOpenAi, type FakeOpenAi } from '../fakes/openai-server.ts';
import { runFloorready, writeFolder, type FolderFile } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabaseKind } from '../support/database.ts';
import { ANA, MAYA, startOnePortApp, type OnePortApp } from '../support/one-port-app.ts';

const FORMATS = [...CORPUS_FORMATS, ...PLATFORM_SHAPES];
/** Each format gets the calls of one round of categories, so every category is in every format. */
const corpus = buildPiiCorpus(FORMATS.length * CALLS_PER_CATEGORY_ROUND, 21);
const formatOf = (index: number): (typeof FORMATS)[number] =>
  FORMATS[Math.floor(index / CALLS_PER_CATEGORY_ROUND)] as (typeof FORMATS)[number];
const render = (call: CorpusCall, index: number): { fileName: string; content: string; format: string } => {
  const format = formatOf(index);
  const file = (CORPUS_FORMATS as readonly string[]).includes(format)
    ? renderCall(call, format as (typeof CORPUS_FORMATS)[number])
    : renderPlatformCall(call, format as (typeof PLATFORM_SHAPES)[number]);
  return { ...file, format };
};
const files = corpus.map(render);
/** The format the importer must report for each: the platform's parser, not JSON turns. */
const FORMAT_READ: Record<(typeof FORMATS)[number], string> = {
  txt: 'text',
  vtt: 'vtt',
  srt: 'srt',
  json: 'json',
  csv: 'csv',
  vcon: 'vcon',
  'contact-lens': 'contact-lens',
  'contact-lens-redacted': 'contact-lens',
  transcribe: 'transcribe',
  'transcribe-items-only': 'transcribe',
  'transcribe-call-analytics': 'transcribe-call-analytics',
  genesys: 'genesys',
  twilio: 'twilio',
  'twilio-sentences-only': 'twilio',
  dialpad: 'dialpad',
  gong: 'gong',
  'gong-transcript-only': 'gong',
  'vcon-transcript-analysis': 'vcon',
  'vcon-chat': 'vcon',
  chat: 'chat-json',
  utterances: 'csv',
};

const LLM_ENV = (fake: FakeOpenAi): Record<string, string> => ({
  OPENAI_BASE_URL: fake.url,
  OPENAI_API_KEY: 'test-key',
  OPENAI_MODEL: 'fake-model',
  OPENAI_MAX_RETRIES: '1',
  OPENAI_TIMEOUT_MS: '10000',
});

/** What one entry point left behind: the database's contents, the model requests and any Slack messages. */
interface Outcome {
  stored: string;
  requests: string;
  slack: string;
  scored: string;
}

/** Scores the database's queued calls with the LLM scorer against a fake model that quotes customer data. */
const scoreWithLeakyModel = async (databaseUrl: string): Promise<{ requests: string; scored: string }> => {
  const fake = await startFakeOpenAi();
  try {
    fake.setHandler(respondWithScores((key) => ({ rationale: leakyRationale(key) }), { summary: LEAKY_SUMMARY }));
    const run = await runFloorready(['score'], { databaseUrl, env: LLM_ENV(fake) });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(fake.requests).toHaveLength(corpus.length);
    return { requests: fake.requests.map((request) => request.rawBody).join('\n'), scored: run.stdout };
  } finally {
    await fake.close();
  }
};

const report = (entryPoint: string, database: TestDatabaseKind, outcome: Outcome): CorpusTally => {
  const planted = [...corpus.flatMap((call) => call.planted), ...MODEL_LEAKS];
  const decoys = corpus.flatMap((call) => call.decoys);
  // Short digit groups are looked for in what was sent, decoys taken out.
  const short = {
    'model request': withoutRowIds(withoutDecoys(outcome.requests, decoys)),
    'Slack message': withoutRowIds(withoutDecoys(outcome.slack, decoys)),
  };
  // Every text is read once for all the probes (probeSearch), not once per probe.
  const search = probeSearch(planted);
  const tally = tallyCorpus(
    `PII corpus through ${entryPoint} on ${database.name}: ${corpus.length} calls, ${CALLS_PER_CATEGORY_ROUND} in each of ${FORMATS.length} formats (${FORMATS.join(', ')})`,
    planted,
    decoys,
    (value) =>
      search.placesOf(
        value,
        {
          [database.name === 'sqlite' ? 'SQLite file bytes' : 'PostgreSQL rows']: outcome.stored,
          'model request': outcome.requests,
          'Slack message': outcome.slack,
        },
        short,
      ),
    (decoy) => outcome.stored.includes(decoy.text),
  );
  console.log(tally.lines.join('\n'));
  return tally;
};

type RenderedFile = (typeof files)[number];

/**
 * Sends every corpus call through one app on one port (one database), whose scoring worker scores them
 * with the LLM scorer against the leaky fake model: what was stored, sent to the model and said in Slack.
 */
const throughOnePortApp = async (
  database: TestDatabaseKind,
  send: (app: OnePortApp, call: CorpusCall, file: RenderedFile) => Promise<void>,
): Promise<Outcome> => {
  const fake = await startFakeOpenAi();
  fake.setHandler(respondWithScores((key) => ({ rationale: leakyRationale(key) }), { summary: LEAKY_SUMMARY }));
  const app = await startOnePortApp(database.open, { env: LLM_ENV(fake) });
  try {
    for (const [index, call] of corpus.entries()) await send(app, call, files[index] as RenderedFile);
    const count = (message: string) => app.running.logs.filter((line) => line === message).length;
    await vi.waitFor(() => expect(count('info call scored') + count('error call failed')).toBe(corpus.length), {
      timeout: 300_000,
      interval: 100,
    });
    await app.running.composed.notificationsSettled();
    expect(fake.requests).toHaveLength(corpus.length);
    const slack = app.slack.calls.map((call) => JSON.stringify(call.args)).join('\n');
    return {
      stored: await everythingStored(app.db),
      requests: fake.requests.map((request) => request.rawBody).join('\n'),
      slack,
      scored: `the app's worker: Scored ${count('info call scored')}, failed ${count('error call failed')}`,
    };
  } finally {
    await app.stop();
    await fake.close();
  }
};

/** Every category in every format: the planted values of each format's calls cover all 16. */
const expectEveryCategoryInEveryFormat = (): void => {
  const categories = new Set(corpus.flatMap((call) => call.planted.map((value) => value.category)));
  expect(categories.size).toBe(16);
  for (const format of FORMATS) {
    const inFormat = new Set(
      corpus.filter((_, index) => formatOf(index) === format).flatMap((call) => call.planted.map((value) => value.category)),
    );
    expect(
      [...categories].filter((category) => !inFormat.has(category)),
      format,
    ).toEqual([]);
  }
};

/** What the README says of every entry point: its counts exactly, its percentages exactly. */
const README_FIGURES = readmeCorpusFigures();

const expectClean = (tally: CorpusTally): void => {
  expect(tally.planted, 'planted values per entry point (README)').toBe(README_FIGURES.planted);
  expect(tally.decoys, 'decoys per entry point (README)').toBe(README_FIGURES.decoys);
  expect(tally.leaks).toEqual([]);
  expect(tally.recall).toBe(README_FIGURES.recall);
  expect(tally.lost.map((decoy) => decoy.text)).toEqual([]);
  expect(tally.kept).toBe(README_FIGURES.kept);
};

describeEachDatabase('PII corpus in every format through every entry point', (database) => {
  it('when the corpus is rendered, then every format holds every category and each entry point gets the planted values and decoys the README states', () => {
    expectEveryCategoryInEveryFormat();
    expect(corpus.flatMap((call) => call.planted).length + MODEL_LEAKS.length).toBe(README_FIGURES.planted);
    expect(corpus.flatMap((call) => call.decoys).length).toBe(README_FIGURES.decoys);
    // As the README says: every value redacted and every decoy kept.
    expect([README_FIGURES.recall, README_FIGURES.kept]).toEqual([1, 1]);
    expect(new Set(files.map((file) => file.fileName)).size).toBe(corpus.length);
  });

  describe('a CLI folder import from a clean start', () => {
    let outcome: Outcome;
    beforeAll(async () => {
      const empty = await database.empty();
      const folder: Record<string, FolderFile> = {};
      corpus.forEach((call, index) => {
        const file = files[index] as (typeof files)[number];
        folder[file.fileName] = { content: file.content, meta: { agent: 'AG-101', type: 'basic_inbound', externalId: call.id } };
      });
      const imported = await runFloorready(['import', await writeFolder(folder)], { databaseUrl: empty.url });
      expect(imported.code, imported.stdout + imported.stderr).toBe(0);
      expect(imported.stdout).toContain(`Imported ${corpus.length}, duplicates 0, failed 0.`);
      const { requests, scored } = await scoreWithLeakyModel(empty.url);
      const db = await openDatabase(empty.url, { migrate: false });
      try {
        outcome = { stored: await everythingStored(db), requests, slack: '', scored };
      } finally {
        await db.close();
        await empty.drop();
      }
    }, 600_000);

    it('when imported and scored, then no planted value is stored or sent to the model, and every decoy is intact, as the README states', () => {
      expect(outcome.scored).toContain(`Scored ${corpus.length}, failed 0`);
      expectClean(report('the CLI', database, outcome));
    });
  });

  describe('POST /integrations/calls, signed, over loopback HTTP', () => {
    let outcome: Outcome;
    beforeAll(async () => {
      outcome = await throughOnePortApp(database, async (app, call, file) => {
        const sent = await app.postCall({
          externalId: call.id,
          agent: 'AG-101',
          callType: 'basic_inbound',
          occurredAt: '2026-09-30T14:05:00Z',
          // A JSON export as the object it is; every other format as the string it is.
          transcript: file.fileName.endsWith('.json') ? (JSON.parse(file.content) as unknown) : file.content,
        });
        expect(sent.status, `${file.format} ${call.id}: ${JSON.stringify(sent.body)}`).toBe(202);
        expect(sent.body.format, `${file.format} ${call.id}`).toBe(FORMAT_READ[file.format as (typeof FORMATS)[number]]);
      });
    }, 600_000);

    it('when posted and scored, then no planted value is stored or sent to the model, and every decoy is intact, as the README states', () => {
      expect(outcome.scored).toContain(`Scored ${corpus.length}, failed 0`);
      expectClean(report('POST /integrations/calls', database, outcome));
    });
  });

  describe('a file posted in the Slack ingest channel (Bolt over loopback HTTP, fake Slack Web API)', () => {
    let outcome: Outcome;
    beforeAll(async () => {
      outcome = await throughOnePortApp(database, async (app, call, file) => {
        const { ts, status } = await app.postMessage({
          user: MAYA,
          text: `<@${ANA}> basic inbound id: ${call.id}`,
          file: { name: file.fileName, content: file.content },
        });
        expect(status).toBe(200);
        expect(await app.replyTo(ts), `${file.format} ${call.id}`).toContain('Queued: call for Ana Ruiz');
      });
    }, 600_000);

    it('when posted and scored, then no planted value is stored, sent to the model or said in Slack, and every decoy is intact, as the README states', () => {
      expect(outcome.scored).toContain(`Scored ${corpus.length}, failed 0`);
      expectClean(report('Slack file posts', database, outcome));
    });
  });
});
