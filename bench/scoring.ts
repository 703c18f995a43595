/**
 * Scoring benchmark (a script that prints figures, not a test): `npm run bench:scoring`.
 * 1. Throughput of the LLM scorer against the fake OpenAI server with a fixed latency L at concurrency C,
 *    as a ratio to the ideal C/L (goal ≥ 0.9).
 * 2. Prompt size on a ~1,500-token transcript, in real tokens (gpt-tokenizer, o200k_base: the GPT-4o,
 *    GPT-4.1 and GPT-5 encoding): the static prefix (instructions, rubric, call type, response schema)
 *    beyond the rubric's own text (goal ≤ 450 tokens), and the part a provider's prompt cache cannot
 *    reuse, the transcript message, as a ratio to the transcript as "Agent: …" lines (goal ≤ 1.1).
 * 3. Throughput of the embedded scorer.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScoreRequest, Turn } from '../src/domain/types.ts';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { buildScoringPrompt } from '../src/scoring/build-scoring-prompt.ts';
import { buildScoringResponseFormat } from '../src/scoring/scoring-output-schema.ts';
import { createEmbeddedScorer } from '../src/scoring/embedded-scorer.ts';
import { createLlmScorer } from '../src/scoring/llm-scorer.ts';
import { respondWithScores, startFakeOpenAi } from '../test/fakes/openai-server.ts';
import { longCall } from '../test/scoring/fixtures/long-call.ts';
import { callTypes, goodCall } from '../test/scoring/fixtures/seed-rubric.ts';
import { DEFAULT_CALL_TYPES, DEFAULT_CRITERIA } from '../src/config/default-rubric.ts';
import type { Rubric } from '../src/domain/types.ts';
import { pgReachable } from '../src/db/database-connection.ts';
import { resolveDatabaseUrl } from '../src/db/database-url.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import type { Scorer } from '../src/domain/types.ts';
import { TEST_POSTGRES_URL, withPostgres, withSqlite } from '../test/support/database.ts';
import { createServices } from '../src/services.ts';
import { applyConfig } from '../src/use-cases/apply-config.ts';
import { parseConfig } from '../src/config/config-file.ts';
import { scoreQueuedCalls } from '../src/use-cases/score-calls.ts';

/** The rubric that ships: the example config's default (the seed's table and anchors). */
const seedRubric: Rubric = { version: 1, criteria: DEFAULT_CRITERIA.map((criterion) => ({ ...criterion })) };

const LATENCY_MS = 200;
const CONCURRENCY = 8;
const CALLS = 80;

/** Issue 23's goals: the queue ≥ 0.85 of ideal; the embedded scorer ≥ 200 calls/s end to end on one core; an empty `score` under 1.5 s. */
const QUEUE_GOAL = 0.85;
const EMBEDDED_GOAL = 200;
const EMBEDDED_QUEUED = 1_000;
const EMPTY_SCORE_GOAL_MS = 1_500;

const tokensOf = (text: string): number => encode(text).length;
const fmt = (n: number, digits = 2): string => n.toFixed(digits);

/** Runs `task(i)` for i in 0..n-1 with at most `concurrency` in flight. */
const runBounded = async (n: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next;
      next += 1;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
};

const request = (turns: Turn[], callType: string | null = 'escalation'): ScoreRequest => ({
  turns,
  rubric: seedRubric,
  callType,
  callTypes,
  maskNames: ['Ana Pérez'],
});

/** A fresh migrated database of this provider, or why there is none (PostgreSQL not reachable). */
const openBenchDatabase = async (provider: 'sqlite' | 'postgresql'): Promise<Database | string> => {
  if (provider === 'sqlite') return withSqlite();
  const target = resolveDatabaseUrl(TEST_POSTGRES_URL);
  if (target.provider !== 'postgresql' || !(await pgReachable(target.connection)))
    return `no PostgreSQL at ${TEST_POSTGRES_URL} (set TEST_POSTGRES_URL)`;
  return withPostgres();
};

const BENCH_CONFIG = 'teams: [{key: bench, name: Bench, agents: [{name: Ana Pérez, email: ana@example.com}]}]';

/** Queues `n` calls (turns from `turnsOf(i)`) in `db`, scores them through the queue, and times it (wall and this process's CPU). */
const timeQueue = async (
  db: Database,
  scorer: Scorer,
  n: number,
  turnsOf: (i: number) => Turn[],
  concurrency: number,
): Promise<{ scored: number; seconds: number; cpuSeconds: number }> => {
  const services = createServices(db, { scorer });
  await applyConfig(services, parseConfig(BENCH_CONFIG, 'bench.yml'));
  const [agent] = await services.directory.listAgents();
  for (let i = 0; i < n; i += 1) {
    await services.calls.insert({
      agentId: agent!.id,
      kind: 'live',
      callType: 'escalation',
      occurredAt: new Date(Date.UTC(2026, 8, 1, 0, 0, i)),
      turns: turnsOf(i),
      source: 'cli',
      externalId: `bench-${i}`,
      contentHash: `bench-${i}`,
      state: 'queued',
    });
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  const summary = await scoreQueuedCalls({
    ...services,
    settings: {
      concurrency,
      maxAttempts: 3,
      leaseMs: 60_000,
      backoffMs: 100,
      maxBackoffMs: 1_000,
      price: { promptPer1k: 0, completionPer1k: 0 },
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { scored: summary.scored, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
};

// `--serve-fake L`: run only the fake LLM with latency L, in its own process, and print its URL.
if (process.argv[2] === '--serve-fake') {
  const server = await startFakeOpenAi();
  server.setHandler(respondWithScores(undefined, { delayMs: Number(process.argv[3]) }));
  console.log(server.url);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  await new Promise(() => undefined);
}

console.log(
  `load average at the start: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(', ')} (a figure taken at a load above 2 is not clean)\n`,
);
const fake = await startFakeOpenAi();
// The throughput run talks to a fake in a child process, so the fake's CPU does not share our event loop
// (a real LLM endpoint is remote too).
const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve-fake', String(LATENCY_MS)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [firstChunk] = (await once(child.stdout, 'data')) as [Buffer];
const remoteUrl = firstChunk.toString().trim();
try {
  // 1. Throughput at bounded concurrency.
  const remote = createLlmScorer({ baseURL: remoteUrl, apiKey: 'bench', model: 'fake-model', maxRetries: 0 });
  const scorer = createLlmScorer({ baseURL: fake.url, apiKey: 'bench', model: 'fake-model', maxRetries: 0 });
  // Warm-up: one round at C opens the C keep-alive connections a long-running worker would hold.
  await runBounded(CONCURRENCY, CONCURRENCY, () => remote.score(request(goodCall)));
  const started = performance.now();
  const latencies: number[] = [];
  await runBounded(CALLS, CONCURRENCY, async () => {
    const t0 = performance.now();
    await remote.score(request(goodCall));
    latencies.push(performance.now() - t0);
  });
  latencies.sort((a, b) => a - b);
  const seconds = (performance.now() - started) / 1000;
  const rate = CALLS / seconds;
  const ideal = CONCURRENCY / (LATENCY_MS / 1000);
  console.log(`LLM scorer throughput: ${CALLS} calls, L=${LATENCY_MS} ms, C=${CONCURRENCY}`);
  console.log(`  ${fmt(rate)} calls/s in ${fmt(seconds)} s; ideal C/L = ${fmt(ideal)} calls/s; ratio ${fmt(rate / ideal)} (goal ≥ 0.9)`);
  console.log(
    `  per-call latency p50 ${fmt(latencies[Math.floor(latencies.length / 2)] ?? 0, 0)} ms, max ${fmt(latencies[latencies.length - 1] ?? 0, 0)} ms (fake server in a child process)`,
  );

  // 2. Prompt size on a ~1,500-token transcript, as sent (the fake records the request body).
  const labelledTokens = tokensOf(longCall.map((t) => `${t.role === 'agent' ? 'Agent' : 'Customer'}: ${t.text}`).join('\n'));
  console.log(
    `\nPrompt size (tokens by gpt-tokenizer o200k_base), the example config's rubric, a ${longCall.length}-turn call of ${labelledTokens} tokens as "Agent: …" lines:`,
  );
  for (const callType of ['escalation', null] as const) {
    fake.reset();
    const sent = { ...request(longCall, callType), callTypes: DEFAULT_CALL_TYPES.map((c) => ({ ...c })) };
    await scorer.score(sent);
    const body = fake.requests[0]?.body;
    const [system, user] = body?.messages ?? [];
    const staticTokens = tokensOf(system?.content ?? '') + tokensOf(JSON.stringify(body?.response_format?.json_schema ?? {}));
    const prompt = buildScoringPrompt(sent);
    // The user's own words: each criterion's name, key, what it tests and anchors; the call type(s) described.
    const calls = callType === null ? sent.callTypes : sent.callTypes.filter((c) => c.key === callType);
    const rubricText = [
      ...prompt.criteria.flatMap((c) => [c.name, c.key, c.description, c.exemplary, c.deficient, ...Object.values(c.levels ?? {})]),
      ...calls.flatMap((c) => [c.name, c.key, c.description ?? '']),
    ].join('\n');
    const rubricTokens = tokensOf(rubricText);
    const uncached = tokensOf(user?.content ?? '');
    const overhead = staticTokens - rubricTokens;
    console.log(`  call type ${callType === null ? 'unknown (the model picks one)' : 'given'}:`);
    console.log(
      `    static prefix (instructions, rubric, call type, response schema; cacheable): ${staticTokens} tokens, of which the rubric's own text ${rubricTokens}`,
    );
    console.log(
      `    instructions + schema overhead beyond the transcript and the rubric text: ${overhead} tokens (goal ≤ 450) ${overhead <= 450 ? 'met' : 'MISSED'}`,
    );
    console.log(
      `    uncached part (the transcript message): ${uncached} tokens = ${fmt(uncached / labelledTokens)}× the transcript (goal ≤ 1.1) ${uncached / labelledTokens <= 1.1 ? 'met' : 'MISSED'}`,
    );
    console.log(
      `    without a cache: ${staticTokens + uncached} tokens = ${fmt((staticTokens + uncached) / labelledTokens)}× the transcript`,
    );
  }
  const one = buildScoringPrompt(request(longCall));
  const perCriterion = seedRubric.criteria.reduce((sum, criterion) => {
    const prompt = buildScoringPrompt({ ...request(longCall), rubric: { version: 1, criteria: [criterion] } });
    const schema = buildScoringResponseFormat([criterion.key], null).responseFormat.json_schema;
    return sum + prompt.messages.reduce((s, m) => s + tokensOf(m.content), 0) + tokensOf(JSON.stringify(schema));
  }, 0);
  const single =
    one.messages.reduce((s, m) => s + tokensOf(m.content), 0) +
    tokensOf(
      JSON.stringify(
        buildScoringResponseFormat(
          one.criteria.map((c) => c.key),
          null,
        ).responseFormat.json_schema,
      ),
    );
  console.log(
    `  a request per criterion instead (${seedRubric.criteria.length} requests): ${perCriterion} tokens, ${fmt(perCriterion / single)}× the single request`,
  );
  console.log(`  scoring.samples: N sends the same request N times: N× the uncached part (and N× everything without a cache)`);

  // 3. The same through the durable queue (claims, leases and result writes), on SQLite and PostgreSQL.

  for (const provider of ['sqlite', 'postgresql'] as const) {
    const opened = await openBenchDatabase(provider);
    if (typeof opened === 'string') {
      console.log(`\nThrough the durable queue (${provider}): skipped, ${opened}`);
      continue;
    }
    try {
      const run = await timeQueue(opened, remote, CALLS, () => goodCall, CONCURRENCY);
      console.log(
        `\nThrough the durable queue (${provider}, C=${CONCURRENCY}, L=${LATENCY_MS} ms): ${run.scored} calls scored in ${fmt(run.seconds)} s = ` +
          `${fmt(run.scored / run.seconds)} calls/s; ratio to ideal C/L ${fmt(run.scored / run.seconds / ideal)} (goal ≥ ${QUEUE_GOAL}) ` +
          `${run.scored / run.seconds / ideal >= QUEUE_GOAL ? 'met' : 'MISSED'}; ${fmt((run.cpuSeconds * 1000) / run.scored, 1)} ms of this process's CPU per call`,
      );
    } finally {
      await opened.close();
    }
  }
} finally {
  child.kill('SIGTERM');
  await fake.close();
}

// 3. Embedded scorer throughput.
const embedded = createEmbeddedScorer();
const embeddedCalls = 500;
const embeddedStart = performance.now();
// CPU time as well as wall time: on a shared machine the wall clock counts other processes' turns too.
const embeddedCpu = process.cpuUsage();
for (let i = 0; i < embeddedCalls; i += 1) await embedded.score(request(i % 2 === 0 ? longCall : goodCall, null));
const embeddedSeconds = (performance.now() - embeddedStart) / 1000;
const cpuUsed = process.cpuUsage(embeddedCpu);
const cpuSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;
console.log(
  `\nEmbedded scorer: ${embeddedCalls} calls (half ~1,500-token, half short) in ${fmt(embeddedSeconds)} s = ${fmt(embeddedCalls / embeddedSeconds, 0)} calls/s; ` +
    `${fmt(cpuSeconds)} CPU-seconds = ${fmt(embeddedCalls / cpuSeconds, 0)} calls per CPU-second (goal ≥ 300 on one core)`,
);

// 4. The embedded scorer end to end through the queue: 1,000 queued calls (half ~1,500-token, half short) in a
// SQLite file, claimed, scored, redacted, verified and saved, at the config's default concurrency, in this process.
{
  const db = await withSqlite();
  try {
    const run = await timeQueue(db, embedded, EMBEDDED_QUEUED, (i) => (i % 2 === 0 ? longCall : goodCall), 4);
    const perCpu = run.scored / run.cpuSeconds;
    console.log(
      `\nEmbedded scorer through the queue (SQLite, C=4): ${run.scored} of ${EMBEDDED_QUEUED} queued calls in ${fmt(run.seconds)} s = ${fmt(run.scored / run.seconds, 0)} calls/s; ` +
        `${fmt(run.cpuSeconds)} CPU-seconds = ${fmt(perCpu, 0)} calls per CPU-second (goal ≥ ${EMBEDDED_GOAL} on one core) ${perCpu >= EMBEDDED_GOAL ? 'met' : 'MISSED'}`,
    );
  } finally {
    await db.close();
  }
}

// 5. The real CLI process (the build: bin/floorready.js → dist/): `score` on 1,000 queued calls, and on an empty queue.
{
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const bin = path.join(root, 'bin/floorready.js');
  const dir = await mkdtemp(path.join(tmpdir(), 'floorready-bench-scoring-'));
  try {
    const configFile = path.join(dir, 'floorready.config.yml');
    await writeFile(configFile, `${BENCH_CONFIG}\n`);
    const url = `file:${path.join(dir, 'bench.db')}`;
    const db = await openDatabase(url);
    const services = createServices(db, { scorer: embedded });
    await applyConfig(services, parseConfig(BENCH_CONFIG, configFile));
    const [agent] = await services.directory.listAgents();
    for (let i = 0; i < EMBEDDED_QUEUED; i += 1) {
      await services.calls.insert({
        agentId: agent!.id,
        kind: 'live',
        callType: 'escalation',
        occurredAt: new Date(Date.UTC(2026, 8, 1, 0, 0, i)),
        turns: i % 2 === 0 ? longCall : goodCall,
        source: 'cli',
        externalId: `cli-${i}`,
        contentHash: `cli-${i}`,
        state: 'queued',
      });
    }
    await db.close();
    // The child reports its own CPU time (every thread) as it exits.
    const cpuReport = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('cpu-us '+(u.user+u.system)+'\\n')})`;
    const runCli = (args: string[]): { ms: number; cpuSeconds: number; stdout: string } => {
      const started = performance.now();
      const result = spawnSync(process.execPath, ['--import', cpuReport, ...args], {
        cwd: dir,
        env: { ...process.env, DATABASE_URL: url, FLOORREADY_CONFIG: configFile, FLOORREADY_PROGRESS: '0' },
        encoding: 'utf8',
      });
      const ms = performance.now() - started;
      if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
      const cpu = /cpu-us (\d+)/.exec(result.stderr);
      return { ms, cpuSeconds: Number(cpu?.[1] ?? Number.NaN) / 1e6, stdout: result.stdout };
    };
    const full = runCli([bin, 'score']);
    const scored = Number(/Scored (\d+)/.exec(full.stdout)?.[1] ?? 0);
    console.log(
      `\nfloorready score (the built CLI process, embedded scorer) on ${EMBEDDED_QUEUED} queued calls: ${scored} scored in ${fmt(full.ms / 1000)} s = ` +
        `${fmt(scored / (full.ms / 1000), 0)} calls/s; ${fmt(full.cpuSeconds)} CPU-seconds = ${fmt(scored / full.cpuSeconds, 0)} calls per CPU-second, start-up included (goal ≥ ${EMBEDDED_GOAL})`,
    );
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
    const empty = { score: [] as number[], cpu: [] as number[], node: [] as number[] };
    for (let i = 0; i < 7; i += 1) {
      const run = runCli([bin, 'score']);
      if (!run.stdout.includes('the queue is empty')) throw new Error(`expected an empty queue, got:\n${run.stdout}`);
      empty.score.push(run.ms);
      empty.cpu.push(run.cpuSeconds);
      empty.node.push(runCli(['-e', '0']).ms);
    }
    const emptyMs = median(empty.score);
    console.log(
      `floorready score on an empty queue (median of 7): ${fmt(emptyMs, 0)} ms wall (goal < ${EMPTY_SCORE_GOAL_MS} ms) ${emptyMs < EMPTY_SCORE_GOAL_MS ? 'met' : 'MISSED'}, ` +
        `${fmt(median(empty.cpu) * 1000, 0)} ms CPU; ${fmt(emptyMs / median(empty.node), 1)}× a bare \`node -e 0\` (${fmt(median(empty.node), 0)} ms)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
console.log(
  `\nload average at the end: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(', ')} (a figure taken at a load above 2 is not clean)`,
);
