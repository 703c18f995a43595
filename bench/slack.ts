/**
 * Slack ack benchmark (a script that prints figures, not a test): `npm run bench:slack`.
 *
 * Over real HTTP on loopback, two processes answer signed `/readiness` slash commands:
 *   - the real app as `npm start` runs it (`node dist/main.js`, HTTP mode) on the demo database (made
 *     first by `floorready demo`, 5 agents and ~500 scored calls), answering with each agent's scorecard;
 *   - a bare Bolt app (this file with `--bare`): the same HTTP receiver, a listener that acks and answers
 *     "ok" through the same response_url, nothing else.
 * Both talk to one fake Slack in this process (auth.test, response URLs). The machine's load hits both alike.
 *
 * 1. Alternately, one command at a time: 300 to the real app (Maya asking for each of her agents in turn)
 *    and 300 to the bare app, each sent as soon as the previous ack came back (an ack does not wait for
 *    the answer, so a report still being built sits in front of the next request if it holds the event
 *    loop). Prints ack p50 / p99 / max of each and the ratios real / bare (goal p99 ≤ 2×), then waits
 *    for every answer and checks the real ones are scorecards.
 * 2. Ten commands in flight: ten managers each sending a command, waiting for its answer, and sending the
 *    next, 100 commands in all to each app. Prints the slowest ack (goal: none over 3 s, Slack's limit)
 *    and the answers' p50 / p99.
 * Prints the load average before and after: figures taken at a load above 2 are not clean.
 *
 * Needs the build (`npm run bench:slack` builds first). Options (env): BENCH_SLACK_COMMANDS (default 300),
 * BENCH_SLACK_APP (another build's main.js, e.g. an older checkout's, to compare; default ./dist/main.js).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { App } from '@slack/bolt';

import { startFakeSlack } from '../test/fakes/slack-api.ts';
import { postSigned, slashCommand } from '../test/slack/slack-requests.ts';
import { freePort } from '../test/support/free-port.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'bench-signing-secret-0123456789abcdef';
const COMMANDS = Number(process.env.BENCH_SLACK_COMMANDS ?? 300);
const IN_FLIGHT = 10;
const IN_FLIGHT_COMMANDS = 100;
const GOAL_RATIO = 2;
const SLACK_ACK_LIMIT_MS = 3_000;
const MAYA = { id: 'U0MAYA0001', name: 'maya' };
const AGENTS = ['AG-101', 'AG-102', 'AG-103', 'AG-104', 'AG-105'];

// `--bare <port> <apiUrl>`: the bare Bolt app, in its own process.
if (process.argv[2] === '--bare') {
  const app = new App({
    token: 'xoxb-bench-token',
    signingSecret: SECRET,
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: process.argv[4] as string, retryConfig: { retries: 0 } },
  });
  app.command('/readiness', async ({ ack, respond }) => {
    await ack();
    await respond({ response_type: 'ephemeral', text: 'ok' });
  });
  await app.start({ port: Number(process.argv[3]), host: '127.0.0.1' });
  console.log('listening');
  process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
  await new Promise(() => undefined);
}

const appMain = path.resolve(process.env.BENCH_SLACK_APP ?? path.join(ROOT, 'dist/main.js'));
if (!existsSync(appMain)) {
  console.error(`bench:slack runs the built app: ${appMain} is missing (run \`npm run build\`).`);
  process.exit(1);
}

const fmt = (n: number, digits = 1): string => n.toFixed(digits);
const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};
/** Starts a child and resolves when its output shows `ready` (stdout or stderr). */
const startChild = async (args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<ChildProcess> => {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (ready.test(seen)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code} before it was ready:\n${seen}`)));
  });
  return child;
};

const stopChild = async (child: ChildProcess | null): Promise<void> => {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
};

const dir = await mkdtemp(path.join(tmpdir(), 'floorready-bench-slack-'));
const slack = await startFakeSlack();
let real: ChildProcess | null = null;
let bare: ChildProcess | null = null;
try {
  const loadBefore = load();
  console.log(`load average before: ${loadBefore}`);
  console.log('making the demo database (floorready demo)…');
  const database = path.join(dir, 'demo.db');
  const demo = spawnSync(process.execPath, [path.join(ROOT, 'bin/floorready.js'), 'demo', '--database', database], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, 'unused.db')}` },
    encoding: 'utf8',
  });
  if (demo.status !== 0) throw new Error(`floorready demo exited ${demo.status}:\n${demo.stderr}`);

  const realPort = await freePort();
  const barePort = await freePort();
  real = await startChild(
    [appMain],
    {
      PATH: process.env.PATH ?? '',
      PORT: String(realPort),
      DATABASE_URL: `file:${database}`,
      FLOORREADY_CONFIG: path.join(ROOT, 'floorready.config.example.yml'),
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: 'xoxb-bench-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
    },
    /slack app started/,
  );
  bare = await startChild(
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--bare', String(barePort), slack.apiUrl],
    process.env,
    /listening/,
  );
  const urls = { real: `http://127.0.0.1:${realPort}/slack/events`, bare: `http://127.0.0.1:${barePort}/slack/events` };

  let sequence = 0;
  /** Sends one command; resolves with the ack's milliseconds and the name its answer will be posted under. */
  const command = async (app: 'real' | 'bare', agent: string): Promise<{ ackMs: number; name: string }> => {
    const name = `${app}-${++sequence}`;
    const form = slashCommand({ userId: MAYA.id, userName: MAYA.name, text: agent, responseUrl: slack.responseUrl(name) });
    const started = performance.now();
    const sent = await postSigned(urls[app], form, { secret: SECRET });
    const ackMs = performance.now() - started;
    if (sent.status !== 200) throw new Error(`${app} app answered a command with HTTP ${sent.status}`);
    return { ackMs, name };
  };
  const answerText = async (name: string, timeoutMs: number): Promise<string> => {
    const [post] = await slack.waitForResponses(name, 1, timeoutMs);
    return JSON.stringify(post?.body ?? {});
  };

  // Warm-up: each agent's card once from each app (connections, the worker thread, caches).
  for (const agent of AGENTS) {
    for (const app of ['real', 'bare'] as const) await answerText((await command(app, agent)).name, 60_000);
  }

  // 1. Alternately, one at a time.
  const acks = { real: [] as number[], bare: [] as number[] };
  const names: string[] = [];
  const alternateStart = performance.now();
  for (let i = 0; i < COMMANDS; i += 1) {
    const agent = AGENTS[i % AGENTS.length] as string;
    const first = await command('real', agent);
    acks.real.push(first.ackMs);
    names.push(first.name);
    acks.bare.push((await command('bare', agent)).ackMs);
  }
  const alternateSeconds = (performance.now() - alternateStart) / 1000;
  const answers = await Promise.all(names.map((name) => answerText(name, 120_000)));
  const scorecards = answers.filter((text) => text.includes('Readiness of')).length;
  const ratio = (p: number) => percentile(acks.real, p) / percentile(acks.bare, p);
  console.log(
    `\n1. ${COMMANDS} /readiness commands to each app, alternately, each sent when the previous ack came back (${fmt(alternateSeconds)} s)`,
  );
  for (const app of ['real', 'bare'] as const) {
    console.log(
      `   ${app === 'real' ? 'floorready' : 'bare Bolt '} ack p50 ${fmt(percentile(acks[app], 50))} ms, p99 ${fmt(percentile(acks[app], 99))} ms, max ${fmt(Math.max(...acks[app]))} ms`,
    );
  }
  console.log(
    `   ratio floorready / bare Bolt: p50 ${fmt(ratio(50), 2)}×, p99 ${fmt(ratio(99), 2)}× (goal p99 ≤ ${GOAL_RATIO}×) ${ratio(99) <= GOAL_RATIO ? 'met' : 'MISSED'}`,
  );
  console.log(
    `   answers: ${scorecards} of ${COMMANDS} were scorecards ("Readiness of …")${scorecards === COMMANDS ? '' : ' — SOME WERE NOT'}`,
  );

  // 2. Ten in flight: ten managers, each waiting for the answer before the next command.
  console.log(
    `\n2. ${IN_FLIGHT} commands in flight (each of ${IN_FLIGHT} senders waits for its answer, then sends again), ${IN_FLIGHT_COMMANDS} to each app`,
  );
  for (const app of ['real', 'bare'] as const) {
    const inFlightAcks: number[] = [];
    const answerMs: number[] = [];
    let next = 0;
    let wrong = 0;
    const sender = async (): Promise<void> => {
      while (next < IN_FLIGHT_COMMANDS) {
        const agent = AGENTS[next % AGENTS.length] as string;
        next += 1;
        const started = performance.now();
        const sent = await command(app, agent);
        inFlightAcks.push(sent.ackMs);
        const text = await answerText(sent.name, 120_000);
        answerMs.push(performance.now() - started);
        if (app === 'real' && !text.includes('Readiness of')) wrong += 1;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
    const slowest = Math.max(...inFlightAcks);
    const over = inFlightAcks.filter((ms) => ms > SLACK_ACK_LIMIT_MS).length;
    console.log(
      `   ${app === 'real' ? 'floorready' : 'bare Bolt '} ack p50 ${fmt(percentile(inFlightAcks, 50))} ms, p99 ${fmt(percentile(inFlightAcks, 99))} ms, max ${fmt(slowest)} ms; ` +
        `answer p50 ${fmt(percentile(answerMs, 50))} ms, p99 ${fmt(percentile(answerMs, 99))} ms` +
        (app === 'real'
          ? `\n   acks over ${SLACK_ACK_LIMIT_MS / 1000} s: ${over} (goal 0) ${over === 0 ? 'met' : 'MISSED'}; answers that were not scorecards: ${wrong}`
          : ''),
    );
  }
  console.log(`\nload average before: ${loadBefore}; after: ${load()} (a figure taken at a load above 2 is not clean)`);
} finally {
  await stopChild(real);
  await stopChild(bare);
  await slack.close();
  await rm(dir, { recursive: true, force: true });
}
