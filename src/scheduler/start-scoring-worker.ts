import { randomUUID } from 'node:crypto';

import { scoreNextQueuedCall, type ScoringDeps, type ScoringEvent } from '../use-cases/score-calls.ts';

/**
 * The long-running app's worker: the same claiming and scoring as `floorready score`, polling for new
 * calls until stopped. A failing poll (database away) is reported and retried on the next tick; the
 * process lives on. Stopping ends the wait for the next poll at once (a call being scored is finished).
 */
export const startScoringWorker = (
  deps: ScoringDeps & { pollMs: number; onError: (error: unknown) => void },
  onEvent: (event: ScoringEvent) => void = () => undefined,
): { stop: () => Promise<void> } => {
  let stopped = false;
  let wake = (): void => undefined;
  const stopping = new Promise<void>((resolve) => {
    wake = resolve;
  });
  /** Waits out the poll interval, or until stopped: a stopping worker does not sit out the interval first. */
  const idle = (): Promise<void> => Promise.race([deps.sleep(deps.pollMs), stopping]);
  const owner = deps.workerId ?? `app-${randomUUID()}`;
  const lane = async (): Promise<void> => {
    while (!stopped) {
      try {
        const event = await scoreNextQueuedCall(deps, owner);
        if (event) onEvent(event);
        else await idle();
      } catch (error) {
        deps.onError(error);
        await idle();
      }
    }
  };
  const lanes = Array.from({ length: Math.max(1, deps.settings.concurrency) }, lane);
  return {
    stop: async () => {
      stopped = true;
      wake();
      await Promise.all(lanes);
    },
  };
};
