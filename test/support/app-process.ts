/**
 * The real app process, started as `npm start` does (`node dist/main.js`, the compiled build), with the
 * environment a test gives it: the log lines it writes (JSON on stderr) are collected, `waitForLog` waits
 * for one, `exited` resolves with its exit code. Build first (`npm run build`; `npm ci` runs it).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';

import { EXAMPLE_CONFIG, REPO_ROOT, tempDir } from './cli.ts';
import { copyMigratedSqlite } from './database.ts';
import { freePort } from './free-port.ts';

export interface AppProcess {
  port: number;
  baseUrl: string;
  /** Every log line so far, parsed (a line that is not JSON is kept as `{ message: line }`). */
  logs: Record<string, unknown>[];
  /** Resolves with the first log line whose message matches (default within 90 s: a fresh database is migrated first, slow on a busy machine). */
  waitForLog(message: RegExp, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

/**
 * `freshDatabase`: the app starts on no database and migrates one, as on a first `npm start`. Otherwise it
 * starts on a migrated copy of the worker's template, as on every later start (it checks the migrations
 * and finds none pending), which spares each start the schema engine.
 */
export const startAppProcess = async (env: Record<string, string>, options: { freshDatabase?: boolean } = {}): Promise<AppProcess> => {
  const main = path.join(REPO_ROOT, 'dist/main.js');
  if (!existsSync(main)) throw new Error('dist/main.js is missing: run `npm run build` (npm ci runs it) before these tests');
  const port = await freePort();
  const dir = await tempDir('floorready-app-');
  // The example config, sending after scored calls within a second (its 30 s would idle the tests that wait for a DM).
  const example = parse(await readFile(EXAMPLE_CONFIG, 'utf8')) as { notifications: Record<string, unknown> };
  const config = path.join(dir, 'floorready.config.yml');
  await writeFile(config, stringify({ ...example, notifications: { ...example.notifications, minIntervalSeconds: 1 } }));
  const database = path.join(dir, 'floorready.db');
  if (!options.freshDatabase) await copyMigratedSqlite(database);
  const child = spawn(process.execPath, [main], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      DATABASE_URL: `file:${database}`,
      FLOORREADY_CONFIG: config,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let rest = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ message: line });
      }
    }
    for (const waiter of waiters) waiter();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => {
    done = true;
    for (const waiter of waiters) waiter();
  });

  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    logs,
    exited,
    waitForLog: (message, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find((line) => message.test(String(line.message ?? '')));
          if (found) {
            cleanup();
            resolve(found);
          } else if (done) {
            cleanup();
            reject(
              new Error(`the app exited before logging ${message}; it logged:\n${logs.map((line) => JSON.stringify(line)).join('\n')}`),
            );
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(`no log line ${message} within ${timeoutMs} ms; it logged:\n${logs.map((line) => JSON.stringify(line)).join('\n')}`),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    stop: async () => {
      if (!done) child.kill('SIGTERM');
      return exited;
    },
  };
};
