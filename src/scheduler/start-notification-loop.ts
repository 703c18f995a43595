import type { Config } from '../config/config-schema.ts';
import type { Services } from '../services.ts';
import type { Sender } from '../use-cases/sending/sender.ts';
import { sendNotifications } from '../use-cases/send-notifications.ts';
import { createNotificationScheduler, type NotificationScheduler } from './schedule-notifications.ts';

export interface NotificationLoopLogger {
  info: (message: string, extra?: Record<string, unknown>) => void;
  error: (message: string, extra?: Record<string, unknown>) => void;
}

/**
 * The app's notifications: a run at start-up, after scored calls (at most every `minIntervalMs`), and
 * every `periodicMs` (readiness also changes with approvals, exclusions and imports made elsewhere).
 * Every instance may run it: the outbox lets one of them send each message. Failures are logged, never thrown.
 */
export const startNotificationLoop = <M>(options: {
  services: Services;
  config: Pick<Config, 'thresholds'>;
  /** The one sender (its lease is the config's `notifications.leaseMinutes`). */
  sender: Sender<M>;
  logger: NotificationLoopLogger;
  minIntervalMs?: number;
  periodicMs?: number;
}): NotificationScheduler => {
  const { services, config, sender, logger } = options;
  const scheduler = createNotificationScheduler({
    minIntervalMs: options.minIntervalMs ?? 30_000,
    onError: (error) => logger.error('notifications failed', { error: error instanceof Error ? error.message : String(error) }),
    run: async () => {
      const run = await sendNotifications({ services, config, sender, now: services.now() });
      const extra = {
        sent: run.sent,
        failed: run.failed.length,
        retried: run.retried,
        alreadyClaimed: run.alreadyClaimed,
        skipped: run.skipped,
      };
      if (run.failed.length > 0 || run.errors.length > 0)
        logger.error('notifications sent with failures', { ...extra, failures: run.failed, errors: run.errors });
      else if (run.sent > 0) logger.info('notifications sent', extra);
    },
  });
  const interval = setInterval(() => scheduler.request(), options.periodicMs ?? 5 * 60_000);
  interval.unref();
  scheduler.request();
  return {
    request: () => scheduler.request(),
    runNow: () => scheduler.runNow(),
    settled: () => scheduler.settled(),
    stop: async () => {
      clearInterval(interval);
      await scheduler.stop();
    },
  };
};
