import { createTask, type Logger as CronLogger, type ScheduledTask } from 'node-cron';

import type { Config, TeamConfig } from '../config/config-schema.ts';
import type { Services } from '../services.ts';
import type { Sender } from '../use-cases/sending/sender.ts';
import { sendWeeklyDigest, type DigestLogger, type DigestResult } from '../use-cases/send-weekly-digest.ts';
import type { ChartPublisher } from '../use-cases/chart-publisher.ts';

// One node-cron task per team, at the team's `digest.cron` in its time zone. Every instance of the app
// schedules the same tasks; the digest run key (`<team>:<ISO week>`) makes exactly one of them send.

export interface DigestSchedulerDeps {
  services: Services;
  config: Pick<Config, 'teams' | 'thresholds'>;
  /** The one sender (its lease is the config's `notifications.leaseMinutes`). */
  sender: Sender<unknown>;
  /** Draws and uploads each team's trend chart; none: digests go without charts. */
  charts?: ChartPublisher;
  logger: DigestLogger;
  /** The instant a run reports the week before; default the instant the task fired (tests pass a fixed one). */
  now?: () => Date;
}

export interface DigestScheduler {
  tasks: ScheduledTask[];
  stop(): Promise<void>;
}

/** node-cron's own lines (missed executions, overlaps, job errors) through the app's logger. */
const cronLogger = (logger: DigestLogger): CronLogger => ({
  info: (message) => logger.info(`node-cron: ${message}`),
  warn: (message) => logger.info(`node-cron: ${message}`),
  error: (message, error) => logger.error(`node-cron: ${String(message)}`, error ? { error: String(error) } : {}),
  debug: () => {},
});

/**
 * The (stopped) cron task of one team's digest. Its run uses the scheduled instant as `now`, so every
 * instance computes the same period and key; nothing it does can throw out of the task.
 */
export const createDigestTask = (deps: DigestSchedulerDeps, team: Pick<TeamConfig, 'key' | 'timeZone' | 'digest'>): ScheduledTask =>
  createTask(
    team.digest.cron,
    async (context): Promise<DigestResult | null> => {
      try {
        return await sendWeeklyDigest({
          services: deps.services,
          config: deps.config,
          sender: deps.sender,
          ...(deps.charts ? { charts: deps.charts } : {}),
          now: deps.now ? deps.now() : context.date,
          team: team.key,
          logger: deps.logger,
        });
      } catch (error) {
        deps.logger.error('digest run failed', { team: team.key, error: error instanceof Error ? error.message : String(error) });
        return null;
      }
    },
    { name: `digest:${team.key}`, timezone: team.timeZone, noOverlap: true, logger: cronLogger(deps.logger) },
  );

/** Starts one digest task per configured team; `stop()` stops and destroys them all. */
export const startDigestScheduler = (deps: DigestSchedulerDeps): DigestScheduler => {
  const tasks = deps.config.teams.map((team) => createDigestTask(deps, team));
  for (const [index, task] of tasks.entries()) {
    void task.start();
    const team = deps.config.teams[index];
    deps.logger.info('digest scheduled', {
      team: team?.key,
      cron: team?.digest.cron,
      timeZone: team?.timeZone,
      nextRun: task.getNextRun()?.toISOString(),
    });
  }
  return {
    tasks,
    async stop() {
      for (const task of tasks) {
        await task.stop();
        await task.destroy();
      }
    },
  };
};
