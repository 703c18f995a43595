import { Command } from 'commander';
import { createSlackSender, createSlackWebClient } from '../../slack/slack-sender.ts';
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_SUMMARY_WINDOW_DAYS,
  sendNotifications,
  type NotificationRun,
} from '../../use-cases/send-notifications.ts';
import { withSession, type CliIo } from '../cli-context.ts';
import { parseIntOption } from '../parse-options.ts';
import { renderPlannedNotification } from '../render-dry-run.ts';

interface NotifyOptions {
  dryRun?: boolean;
  windowDays?: string;
}

const printSummary = (io: CliIo, run: NotificationRun): void => {
  const { skipped } = run;
  const lines = [
    run.dryRun
      ? `Would send ${run.planned.length} message${run.planned.length === 1 ? '' : 's'} (dry run: nothing sent, no outbox key claimed).`
      : `Sent ${run.sent}, failed ${run.failed.length}, already sent or claimed by another run ${run.alreadyClaimed}${run.retried > 0 ? `, retried ${run.retried}` : ''}.`,
  ];
  const skips = [
    skipped.agentsWithoutSlackId > 0 ? `${skipped.agentsWithoutSlackId} score summaries (agent has no Slack id in the config)` : null,
    skipped.managersWithoutSlackId > 0
      ? `${skipped.managersWithoutSlackId} manager messages (manager has no Slack id in the config)`
      : null,
    skipped.withoutManager > 0 ? `${skipped.withoutManager} recommendations (team lists no manager)` : null,
    skipped.teamWide > 0 ? `${skipped.teamWide} team-wide coaching recommendations (they go to the weekly digest, not per agent)` : null,
    skipped.deferredToNextRun > 0
      ? `${skipped.deferredToNextRun} recommendations beyond what one message holds (left for the next run)`
      : null,
  ].filter((line): line is string => line !== null);
  if (skips.length > 0) lines.push(`Skipped: ${skips.join('; ')}.`);
  for (const failure of run.failed) lines.push(`  failed ${failure.keys.join(', ')} → ${failure.recipient}: ${failure.error}`);
  for (const error of run.errors) lines.push(`  error ${error}`);
  for (const line of lines) io.out(line);
};

export const runNotify = async (io: CliIo, options: NotifyOptions): Promise<number> => {
  const summaryWindowDays = options.windowDays ? parseIntOption(options.windowDays, 'window-days', 1, 365) : DEFAULT_SUMMARY_WINDOW_DAYS;
  return withSession(
    io,
    async ({ env, config, services }) => {
      const dryRun = options.dryRun === true;
      if (!dryRun && !env.slack) {
        io.err(
          'error: SLACK_BOT_TOKEN is not set, so there is no Slack to send to. Set it (with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN), or run `npx floorready notify --dry-run` to see the messages it would send.',
        );
        return 2;
      }
      const sender = createSlackSender({
        client: env.slack && !dryRun ? createSlackWebClient(env.slack) : null,
        outbox: services.outbox,
        leaseMinutes: config.notifications.leaseMinutes,
      });
      const run = await sendNotifications({ services, config, sender, now: services.now(), dryRun, summaryWindowDays });
      if (dryRun) {
        for (const message of run.planned) for (const line of renderPlannedNotification(message)) io.out(line);
      }
      printSummary(io, run);
      return run.failed.length > 0 || run.errors.length > 0 ? 1 : 0;
    },
    { access: options.dryRun ? 'read' : 'write' },
  );
};

export const notifyCommand = (io: CliIo, setExitCode: (code: number) => void): Command =>
  new Command('notify')
    .description('send the DMs that are due: readiness and coaching alerts to managers, score summaries to agents (each once)')
    .option('--dry-run', 'print each message it would send (recipient and plain text) without sending or claiming anything')
    .option('--window-days <n>', `score summaries for calls of the last n days only (default ${DEFAULT_SUMMARY_WINDOW_DAYS})`)
    .addHelpText(
      'after',
      '\nManagers get one DM per agent and run when the agent reaches readiness for a call type (with an Approve button)\n' +
        'or if/then rules recommend coaching, all bundled; a gap that is low across the whole team goes to the weekly\n' +
        'digest instead. Agents get a private summary of each newly scored call: overall, strongest behaviour, one focus\n' +
        'with the quoted moment and what exemplary looks like. Every recommendation and summary is claimed in the outbox\n' +
        'first, so it goes out once however many times or instances run; a failed send is recorded with the Slack error\n' +
        'and retried on later runs, and so is one whose run died before sending it, once notifications.leaseMinutes\n' +
        `(default 10) have passed; ${DEFAULT_MAX_ATTEMPTS} attempts in all.\n` +
        'Needs SLACK_BOT_TOKEN (the running app sends these by itself after scoring); --dry-run needs no Slack.',
    )
    .action(async (options: NotifyOptions) => setExitCode(await runNotify(io, options)));
