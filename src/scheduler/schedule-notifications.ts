// Runs the notifications after scoring without running them for every scored call: requests made
// while a run is waiting or under way are folded into one more run, and runs start at most once per
// `minIntervalMs`. A failing run is reported to `onError` and the next request runs again.

export interface NotificationScheduler {
  /** Asks for a run: now if the last one is at least `minIntervalMs` ago, else when it will be. */
  request(): void;
  /**
   * Asks for a run at once, whatever the interval (a dispute's DMs must arrive within a minute): now if
   * none is under way, else as soon as the one under way ends.
   */
  runNow(): void;
  /** Resolves once no run is under way or due now (a run waiting out `minIntervalMs` does not count). */
  settled(): Promise<void>;
  /** Cancels a waiting run and waits for one under way. */
  stop(): Promise<void>;
}

export const createNotificationScheduler = (options: {
  run: () => Promise<void>;
  minIntervalMs: number;
  onError: (error: unknown) => void;
  now?: () => number;
}): NotificationScheduler => {
  const now = options.now ?? (() => Date.now());
  let lastStart = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** When the waiting run (`timer`) fires. */
  let dueAt = Number.POSITIVE_INFINITY;
  let running: Promise<void> | null = null;
  let requested = false;
  let stopped = false;

  const fire = (): void => {
    timer = null;
    requested = false;
    urgent = false;
    lastStart = now();
    running = (async () => {
      try {
        await options.run();
      } catch (error) {
        options.onError(error);
      }
    })().finally(() => {
      running = null;
      if (requested && !stopped) schedule();
    });
  };

  /** The next run waits for nothing (set by runNow, cleared when a run starts). */
  let urgent = false;

  const schedule = (): void => {
    if (timer || running || stopped) return;
    const wait = urgent ? 0 : Math.max(0, lastStart + options.minIntervalMs - now());
    dueAt = now() + wait;
    timer = setTimeout(fire, wait);
    timer.unref?.();
  };

  return {
    request() {
      requested = true;
      schedule();
    },
    runNow() {
      requested = true;
      urgent = true;
      // A run already waiting for the interval is brought forward.
      if (timer && !running) {
        clearTimeout(timer);
        timer = null;
      }
      schedule();
    },
    async settled() {
      while (running || (timer && dueAt <= now())) await (running ?? new Promise((resolve) => setTimeout(resolve, 5)));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
};
