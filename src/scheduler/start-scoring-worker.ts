import { randomUUID } from 'node:crypto';

import { scoreNextQueuedCall, type ScoringDeps, type ScoringEvent } from '../use-cases/score-calls.ts';

/**
 * The long-running app's worker: the same claiming and scoring as `floorready score`, polling for new
 * calls until stopped. A failing poll (database away) is reported and retried on the next tick; the
 * process lives on.
 */
export const startScoringWorker = (
  deps: ScoringDeps & { pollMs: number; onError: (error: unknown) => void },
  onEvent: (event: ScoringEvent) => void = () => undefined,
): { stop: () => Promise<void> } => {
  let stopped = false;
  const owner = deps.workerId ?? `app-${randomUUID()}`;
  const lane = async (): Promise<void> => {
    while (!stopped) {
      try {
        const event = await scoreNextQueuedCall(deps, owner);
        if (event) onEvent(event);
        else await deps.sleep(deps.pollMs);
      } catch (error) {
        deps.onError(error);
        await deps.sleep(deps.pollMs);
      }
    }
  };
  const lanes = Array.from({ length: Math.max(1, deps.settings.concurrency) }, lane);
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(lanes);
    },
  };
};
