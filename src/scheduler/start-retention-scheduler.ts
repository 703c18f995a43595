import type { RetentionRepository } from '../use-cases/ports.ts';
import { createTask, type Logger as CronLogger, type ScheduledTask } from 'node-cron';

import type { RetentionConfig } from '../config/config-schema.ts';
import { runRetention, type RetentionResult } from '../use-cases/run-retention.ts';

// Retention (issue 18): every instance schedules the same daily task (and runs it once at start-up, so a day
// the app was down at the cron's time is not skipped); the day's RetentionRun row lets one of them erase.

export interface RetentionLogger {
  info(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export interface RetentionSchedulerDeps {
  retention: RetentionRepository;
  config: RetentionConfig;
  leaseMinutes: number;
  logger: RetentionLogger;
  now: () => Date;
}

export interface RetentionScheduler {
  task: ScheduledTask;
  /** The run at start-up (resolves when it ended; it never rejects). */
  started: Promise<RetentionResult | null>;
  stop(): Promise<void>;
}

const cronLogger = (logger: RetentionLogger): CronLogger => ({
  info: (message) => logger.info(`node-cron: ${message}`),
  warn: (message) => logger.info(`node-cron: ${message}`),
  error: (message, error) => logger.error(`node-cron: ${String(message)}`, error ? { error: String(error) } : {}),
  debug: () => {},
});

/** One run, logged; nothing it does can throw out of the task (a failed run is logged and the process lives on). */
const runLogged = async (deps: RetentionSchedulerDeps, at: Date): Promise<RetentionResult | null> => {
  try {
    const result = await runRetention(
      { retention: deps.retention, now: deps.now },
      { callDays: deps.config.callDays, at, leaseMinutes: deps.leaseMinutes },
    );
    if (result.status === 'done')
      deps.logger.info('retention run', { day: result.key, cutoff: result.cutoff.toISOString(), ...result.counts });
    return result;
  } catch (error) {
    deps.logger.error('retention run failed', { error: error instanceof Error ? error.message : String(error) });
    return null;
  }
};

/** The (stopped) daily task: it runs at the config's `retention.cron`, in UTC, with the instant it fired as `at`. */
export const createRetentionTask = (deps: RetentionSchedulerDeps): ScheduledTask =>
  createTask(deps.config.cron, (context) => runLogged(deps, context.date), {
    name: 'retention',
    timezone: 'UTC',
    noOverlap: true,
    logger: cronLogger(deps.logger),
  });

/** Schedules the daily retention and runs it once now; null when retention is off (`retention.callDays` unset). */
export const startRetentionScheduler = (deps: RetentionSchedulerDeps): RetentionScheduler | null => {
  if (deps.config.callDays === undefined) {
    deps.logger.info('retention off: set retention.callDays in the config to erase old calls daily');
    return null;
  }
  const task = createRetentionTask(deps);
  void task.start();
  deps.logger.info('retention scheduled', {
    callDays: deps.config.callDays,
    cron: deps.config.cron,
    nextRun: task.getNextRun()?.toISOString(),
  });
  const started = runLogged(deps, deps.now());
  return {
    task,
    started,
    async stop() {
      await task.stop();
      await task.destroy();
      await started;
    },
  };
};
