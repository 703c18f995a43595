/**
 * The worker thread (Piscina) that builds `/readiness` answers away from the app's event loop (ADR 0042).
 * One thread per process, started at the first command and shared by every Slack app the process runs
 * (one in production; one per test in a test file, which would otherwise each pay the thread's start-up).
 * Commands wait their turn in its queue, never in front of Slack's acks. The thread keeps one read-only
 * connection per database, opened when an app starts and closed when it stops.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Piscina } from 'piscina';

import type { ConnectionTask, ScorecardAnswer, ScorecardTask } from './scorecard-worker.ts';

const here = fileURLToPath(import.meta.url);
/** The compiled worker in the build (dist/); from the sources (tsx, vitest), its loader that registers tsx in the thread. */
const WORKER_FILE = path.join(path.dirname(here), path.extname(here) === '.ts' ? 'scorecard-worker-tsx.mjs' : 'scorecard-worker.js');

type Pool = Piscina<ScorecardTask | ConnectionTask, ScorecardAnswer | null>;
let thread: Pool | null = null;
/** The process's one scorecard thread (idle, it does not keep the process alive). */
const sharedThread = (): Pool => (thread ??= new Piscina({ filename: WORKER_FILE, minThreads: 1, maxThreads: 1 }));

export interface ScorecardPool {
  /** Starts the thread if need be and opens this app's connection in it: a database it cannot read fails here, at start-up. */
  open(): Promise<void>;
  /** The answer to one command, built in the worker thread; rejects only when the thread itself fails. */
  answer(request: Omit<ScorecardTask, 'kind' | 'databaseUrl'>): Promise<ScorecardAnswer>;
  /** Closes this app's connection in the thread (commands still queued are answered first). */
  close(): Promise<void>;
}

export const createScorecardPool = (databaseUrl: string): ScorecardPool => {
  let used = false;
  return {
    async open() {
      used = true;
      await sharedThread().run({ kind: 'open', databaseUrl });
    },
    async answer(request) {
      used = true;
      const answer = await sharedThread().run({ kind: 'answer', ...request, databaseUrl });
      if (answer === null) throw new Error('the scorecard thread answered a command with nothing');
      return answer;
    },
    async close() {
      if (used) await sharedThread().run({ kind: 'release', databaseUrl });
    },
  };
};
