import { createRequire } from 'node:module';
import type { CliIo } from './cli-context.ts';

// Progress for the steps that take more than a second (import of a folder, scoring, the demo's import
// and scoring): a bar on stderr, only when stderr is a terminal (or FLOORREADY_PROGRESS=1 asks for it),
// so pipes, logs and tests read only the results.

export interface Progress {
  tick: (detail?: string) => void;
  stop: () => void;
}

const NONE: Progress = { tick: () => undefined, stop: () => undefined };

/** cli-progress (16 modules), loaded only when a bar is drawn: a pipe, a log or a test never needs it. */
const loadCliProgress = (): typeof import('cli-progress') => createRequire(import.meta.url)('cli-progress');

/** A bar of `total` steps labelled `label`; does nothing when the CLI is not interactive or there is one step. */
export const startProgress = (io: CliIo, label: string, total: number): Progress => {
  if (!io.interactive || total < 2) return NONE;
  const stream = io.progressStream ?? process.stderr;
  const bar = new (loadCliProgress().SingleBar)({
    format: `${label} [{bar}] {value}/{total} {detail}`,
    stream,
    barsize: 24,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    // A forced bar on a stream that is not a terminal (FLOORREADY_PROGRESS=1, tests) is drawn line by line.
    noTTYOutput: !(stream as { isTTY?: boolean }).isTTY,
    notTTYSchedule: 250,
  });
  bar.start(total, 0, { detail: '' });
  return { tick: (detail = '') => bar.increment({ detail }), stop: () => bar.stop() };
};
