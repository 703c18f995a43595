import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import {
  respondWithScores,
  startFakeOpenAi,
  transcriptTurns,
  type FakeHandler,
  type FakeOpenAi,
  type FakeReply,
} from '../fakes/openai-server.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { fixturePii, jsonOf, luhnValidRuns, runFloorready, writeConfig, writeFolder } from '../support/cli.ts';

interface CallJson {
  id: string;
  callType: string | null;
  state: string;
  attempts: number;
  failureReason: string | null;
  scoring: { scorer: string; model: string | null; promptTokens: number | null; completionTokens: number | null } | null;
  criteria: { key: string; source: string; level: number | null; score: number | null; evidence: { quote: string }[] }[];
}

/** The example team, with the names the fixture transcripts call the agents by as aliases (so they are masked). */
const agents = [
  { name: 'Ana Ruiz', slack: 'U0ANA00001', email: 'ana.ruiz@example.com', externalIds: ['AG-101'], aliases: ['Sarah Jones', 'Sarah'] },
  { name: 'Ben Okafor', slack: 'U0BEN00001', email: 'ben.okafor@example.com', externalIds: ['AG-102'], aliases: ['Priya Patel', 'Priya'] },
  { name: 'Chloe Martin', slack: 'U0CHLOE001', email: 'chloe.martin@example.com', externalIds: ['AG-103'], aliases: ['Tom'] },
  { name: 'Dev Patel', slack: 'U0DEV00001', email: 'dev.patel@example.com', externalIds: ['AG-104'] },
  { name: 'Eli Brooks', slack: 'U0ELI00001', email: 'eli.brooks@example.com', externalIds: ['AG-105'] },
];
const team = {
  key: 'northside',
  name: 'Northside Support',
  timeZone: 'America/Chicago',
  managers: [{ name: 'Maya Chen', slack: 'U0MAYA0001', email: 'maya.chen@example.com' }],
  agents,
};
/** Words that identify an agent: configured names, aliases, name parts, emails, Slack and external ids. */
const AGENT_IDENTIFIERS = [
  ...new Set(
    agents.flatMap((agent) => [
      agent.name,
      ...agent.name.split(' '),
      ...(agent.aliases ?? []),
      agent.email,
      agent.slack,
      ...agent.externalIds,
    ]),
  ),
];

const TRANSCRIPTS = {
  'call.txt': { fixture: 'call.txt', meta: { agent: 'AG-101', type: 'billing_dispute' } },
  'call-timestamped.txt': { fixture: 'call-timestamped.txt', meta: { agent: 'AG-103' } },
  'call.srt': { fixture: 'call.srt', meta: { agent: 'AG-102', type: 'billing_dispute' } },
  'teams.vtt': { fixture: 'teams.vtt', meta: { agent: 'AG-101', type: 'escalation' } },
  'zoom.vtt': { fixture: 'zoom.vtt', meta: { agent: 'AG-101' } },
  'turns.json': { fixture: 'turns.json', meta: { agent: 'AG-101', type: 'basic_inbound' } },
  'turns-object.json': { fixture: 'turns-object.json', meta: { agent: 'AG-102' } },
};

/** The spoken text of the transcript a request carries. */
const transcriptOf = (request: Parameters<FakeHandler>[0]): string =>
  transcriptTurns(request.body)
    .map((turn) => turn.text)
    .join('\n');

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});

describeEachDatabase('floorready score with the LLM scorer against a fake OpenAI server', (database) => {
  let db: TestDatabase;
  let llmEnv: Record<string, string>;
  beforeEach(async () => {
    fake.reset();
    db = await database.open();
    llmEnv = {
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'test-key',
      OPENAI_MODEL: 'fake-model',
      OPENAI_MAX_RETRIES: '2',
      OPENAI_TIMEOUT_MS: '5000',
    };
  });
  afterEach(async () => {
    await db.close();
  });

  const setUp = async (
    scoring: Record<string, unknown>,
    files: Record<string, { fixture: string; meta: Record<string, unknown> }> = TRANSCRIPTS,
  ) => {
    const configPath = await writeConfig({ teams: [team], scoring: { concurrency: 2, ...scoring } });
    const dir = await writeFolder(files);
    const imported = await runFloorready(['import', dir], { databaseUrl: db.url, configPath, cwd: dir });
    expect(imported.code, imported.stdout).toBe(0);
    const score = (...args: string[]) => runFloorready(['score', ...args], { databaseUrl: db.url, configPath, env: llmEnv });
    const calls = async () => jsonOf<CallJson[]>(await runFloorready(['calls', '--json'], { databaseUrl: db.url, configPath }));
    return { configPath, score, calls, count: Object.keys(files).length };
  };

  /** Evaluation rows of the AI per call (every call must have exactly one). */
  const aiEvaluationsPerCall = async (): Promise<number[]> => {
    const calls = await db.prisma.call.findMany({ select: { id: true, _count: { select: { evaluations: { where: { source: 'ai' } } } } } });
    return calls.map((call) => call._count.evaluations);
  };

  it('when the queue is scored, then each call is one request that carries no agent identity and no card, email or phone', async () => {
    const { score, calls, count } = await setUp({});
    const run = await score();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`Scoring ${count} queued calls with the LLM scorer, model fake-model`);
    expect(run.stdout).toContain(`Scored ${count}, failed 0, retries 0 (scorer: llm, model fake-model).`);

    expect(fake.requests).toHaveLength(count);
    expect(new Set(fake.requests.map((request) => transcriptOf(request))).size).toBe(count);
    const pii = await fixturePii();
    for (const request of fake.requests) {
      expect(request.path).toBe('/v1/chat/completions');
      const body = request.rawBody;
      for (const identifier of AGENT_IDENTIFIERS) {
        const word = new RegExp(`(?<![\\p{L}\\p{N}_])${identifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'iu');
        expect(body, `"${identifier}" in a request`).not.toMatch(word);
      }
      for (const value of [...pii.emails, ...pii.phones, ...pii.cards]) expect(body).not.toContain(value);
      expect(luhnValidRuns(body)).toEqual([]);
    }
    // The masking is visible: the agents' names became [AGENT].
    expect(fake.requests.some((request) => transcriptOf(request).includes('[AGENT]'))).toBe(true);

    const listed = await calls();
    expect(listed).toHaveLength(count);
    for (const call of listed) {
      expect(call).toMatchObject({ state: 'scored', attempts: 1, scoring: { scorer: 'llm', model: 'fake-model' } });
      expect(call.scoring?.promptTokens).toBeGreaterThan(0);
      // Calls imported without a type get the one the model chose from the configured types.
      expect(['basic_inbound', 'escalation', 'billing_dispute']).toContain(call.callType);
      const ai = call.criteria.filter((criterion) => criterion.source === 'ai' && criterion.level !== null);
      expect(ai.length).toBeGreaterThan(0);
      for (const criterion of ai) expect(criterion).toMatchObject({ level: 4, score: 75 });
    }
    expect(await aiEvaluationsPerCall()).toEqual(Array(count).fill(1));
  });

  it('when a burst of 429s with Retry-After and random 500s hits, then every call still ends scored exactly once', async () => {
    const { score, calls, count } = await setUp({ maxAttempts: 6, retryBackoffSeconds: 0.05 });
    const random = seededRandom(20_260_930);
    const scores = respondWithScores();
    const statuses: number[] = [];
    fake.setHandler((request, index) => {
      // The first six requests are rate limited: more than the SDK's own retries of the first calls.
      const reply: FakeReply =
        index < 6
          ? {
              kind: 'status',
              status: 429,
              headers: { 'retry-after': '1', 'retry-after-ms': '20' },
              body: { error: { message: 'Rate limit reached', type: 'requests' } },
            }
          : random() < 0.2
            ? { kind: 'status', status: 500 }
            : (scores(request, index) as FakeReply);
      statuses.push(reply.kind === 'status' ? reply.status : 200);
      return reply;
    });
    const run = await score();
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain(`Scored ${count}, failed 0`);
    expect(statuses.filter((status) => status === 429)).toHaveLength(6);
    expect(statuses.filter((status) => status === 200)).toHaveLength(count);
    // The SDK retried inside one attempt and the queue retried once the SDK gave up.
    expect(run.stderr).toMatch(/retry +\S+ \(attempt 1\): The LLM endpoint is rate limiting us/);
    expect((await calls()).every((call) => call.state === 'scored')).toBe(true);
    expect(await aiEvaluationsPerCall()).toEqual(Array(count).fill(1));
  });

  it('when the model answers with malformed output, then the call is retried or fails with a readable reason, and --retry-failed scores it once the model behaves', async () => {
    const files = {
      'not-json.txt': TRANSCRIPTS['call.txt'],
      'wrong-shape.srt': TRANSCRIPTS['call.srt'],
      'refusal.json': TRANSCRIPTS['turns.json'],
      'truncated.vtt': TRANSCRIPTS['zoom.vtt'],
      'fine.vtt': TRANSCRIPTS['teams.vtt'],
    };
    const { score, calls } = await setUp({ maxAttempts: 2, retryBackoffSeconds: 0.05 }, files);
    const scores = respondWithScores();
    const replyFor = (transcript: string): FakeReply | null => {
      if (transcript.includes('two payments of')) return { kind: 'raw', content: 'Sure! Here are the scores: empathy 4, listening 5.' };
      if (transcript.includes('forty minutes')) return { kind: 'json', content: { criteria: 'all good', frustration: 'none' } };
      if (transcript.includes('fed up')) return { kind: 'refusal', refusal: "I'm sorry, I can't help with that." };
      if (transcript.includes('honestly pretty annoyed')) return { kind: 'length' };
      return null;
    };
    fake.setHandler((request, index) => replyFor(transcriptOf(request)) ?? scores(request, index));

    const run = await score();
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('This is a bug');
    expect(run.stdout).toContain('Scored 1, failed 4, retries 3');
    expect(run.stdout).toContain('`npx floorready score --retry-failed`');
    // Bad output is retried; a refusal is not.
    expect(run.stderr.match(/^retry /gm)).toHaveLength(3);
    expect(fake.requests).toHaveLength(1 + 3 * 2 + 1);

    const listed = await calls();
    expect(listed.filter((call) => call.state === 'scored')).toHaveLength(1);
    const failed = listed.filter((call) => call.state === 'failed');
    expect(failed).toHaveLength(4);
    const failureReasons = failed.map((call) => call.failureReason ?? '').sort();
    expect(failureReasons.filter((reason) => /could not be used \(not valid JSON\).*gave up after 2 attempts/.test(reason))).toHaveLength(
      1,
    );
    expect(
      failureReasons.filter((reason) =>
        /could not be used \(the answer did not match the scoring schema\).*gave up after 2 attempts/.test(reason),
      ),
    ).toHaveLength(1);
    expect(
      failureReasons.filter((reason) =>
        /could not be used \(the answer was cut off at the token limit\).*gave up after 2 attempts/.test(reason),
      ),
    ).toHaveLength(1);
    expect(failureReasons.filter((reason) => /refused to score this call; it needs a human review/.test(reason))).toHaveLength(1);
    expect(await db.prisma.evaluation.count()).toBe(1);

    // The model behaves again: the failed calls go back to the queue and are scored once.
    fake.reset();
    const retry = await score('--retry-failed');
    expect(retry.code, retry.stderr).toBe(0);
    expect(retry.stderr).toContain('Re-queued 4 failed calls.');
    expect(retry.stdout).toContain('Scored 4, failed 0');
    expect(fake.requests).toHaveLength(4);
    const after = await calls();
    expect(after.every((call) => call.state === 'scored' && call.failureReason === null)).toBe(true);
    expect(await aiEvaluationsPerCall()).toEqual(Array(5).fill(1));
  });

  it('when the model quotes words the transcript does not hold, then the quote is dropped and the criterion is stored as low confidence', async () => {
    const { score, calls, count } = await setUp({}, { 'call.txt': TRANSCRIPTS['call.txt'] });
    fake.setHandler(
      // Empathy quotes an invented line; every other criterion quotes the first agent turn (the default).
      respondWithScores((key) =>
        key === 'empathy' ? { evidence: [{ turn: 1, role: 'agent', quote: 'I completely understand how upsetting this must be' }] } : {},
      ),
    );
    expect((await score()).code).toBe(0);
    const [call] = await calls();
    expect(count).toBe(1);
    const ai = (key: string) =>
      call?.criteria.find((criterion) => criterion.source === 'ai' && criterion.key === key) as CallJson['criteria'][number] & {
        confidence: string;
      };
    expect(ai('empathy')).toMatchObject({ level: 4, confidence: 'low', evidence: [] });
    expect(ai('active_listening')).toMatchObject({ confidence: 'high' });
    expect(ai('active_listening').evidence).toHaveLength(1);
  });

  it('when `score --concurrency 3` runs, then at most three requests are in flight and they do overlap', async () => {
    const { score, count } = await setUp({ concurrency: 1 });
    const scores = respondWithScores();
    let inFlight = 0;
    let most = 0;
    fake.setHandler(async (request, index) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 150));
      inFlight -= 1;
      return scores(request, index);
    });
    const run = await score('--concurrency', '3');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('3 at a time');
    expect(run.stdout).toContain(`Scored ${count}, failed 0`);
    expect(most).toBe(3);
  });

  it('when scoring.price is set, then the summary shows the tokens used and the estimated cost', async () => {
    const { score } = await setUp({ price: { promptPer1k: 0.5, completionPer1k: 2 } });
    const run = await score();
    expect(run.code, run.stderr).toBe(0);
    const evaluations = await db.prisma.evaluation.findMany({ where: { source: 'ai' } });
    const prompt = evaluations.reduce((sum, evaluation) => sum + (evaluation.promptTokens ?? 0), 0);
    const completion = evaluations.reduce((sum, evaluation) => sum + (evaluation.completionTokens ?? 0), 0);
    // The fake counts a token per 4 characters of the messages it received.
    const sent = fake.requests.reduce(
      (sum, request) => sum + Math.ceil((request.body?.messages ?? []).reduce((chars, message) => chars + message.content.length, 0) / 4),
      0,
    );
    expect(prompt).toBe(sent);
    expect(completion).toBeGreaterThan(0);
    const cost = (prompt / 1000) * 0.5 + (completion / 1000) * 2;
    expect(run.stdout).toContain(`Tokens: ${prompt} prompt + ${completion} completion; estimated cost $${cost.toFixed(cost < 1 ? 4 : 2)}.`);
  });
});
