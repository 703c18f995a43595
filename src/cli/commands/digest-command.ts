import { Command } from 'commander';

import { AppError } from '../../domain/app-error.ts';
import { createSlackSender, createSlackWebClient } from '../../slack/slack-sender.ts';
import { buildWeeklyDigest, sendWeeklyDigest } from '../../use-cases/send-weekly-digest.ts';
import { teamTimeZone } from '../../config/config-lookups.ts';
import { withSession, type CliIo } from '../cli-context.ts';
import { parseDateOption } from '../parse-options.ts';
import { planDigestDryRun, renderDigestDryRun } from '../render-dry-run.ts';
import { trendChartFileName } from '../../domain/charts/index.ts';
import { createRichFallbackLog } from '../../slack/rich-blocks-fallback.ts';
import { createSlackChartPublisher } from '../../slack/slack-chart-publisher.ts';
import { writeChartPng } from '../write-chart.ts';
import { join } from 'node:path';

export const digestCommand = (io: CliIo, setExitCode: (code: number) => void): Command =>
  new Command('digest')
    .description('the weekly team digest for the ISO week before now (or --at): sends it to Slack, or prints it with --dry-run')
    .option('--team <key>', 'only this team (default: every team in the config)')
    .option('--dry-run', "print the channel copy and the managers' copy instead of sending; claims nothing")
    .option('--at <ISO date>', "report the week before this date (a bare date or zone-less time is read in the team's time zone)")
    .option('--png <dir>', "with --dry-run: also write each team's trend chart (the picture Slack would show) as a PNG into <dir>")
    .addHelpText(
      'after',
      [
        '',
        "The digest covers Monday to Monday in the team's time zone. The channel copy has team averages vs",
        'baseline, the 8-week trend, who became ready, team-wide gaps and roleplay vs live, and names no one',
        'negatively; each manager gets a DM copy that also lists who needs attention.',
        "Sending needs SLACK_BOT_TOKEN. A team's digest for a week is sent once, however often this runs",
        "(the app's scheduler sends it too, at the team's digest.cron).",
        '',
        'Examples:',
        '  floorready digest --dry-run',
        '  floorready digest --dry-run --png data/charts',
        '  floorready digest --team northside --at 2026-10-05',
      ].join('\n'),
    )
    .action(async (options: { team?: string; dryRun?: boolean; at?: string; png?: string }) => {
      if (options.png !== undefined && !options.dryRun) {
        throw new AppError(
          'digest_png_needs_dry_run',
          '--png writes the charts of a dry run: add --dry-run (a sent digest shows its chart in Slack).',
        );
      }
      await withSession(
        io,
        async ({ env, config, services }) => {
          // A bare --at names a day: its noon in each team's own time zone.
          const nowFor = (team: string): Date => {
            const timeZone = config.teams.find((candidate) => candidate.key === team)?.timeZone ?? teamTimeZone(config);
            return options.at ? parseDateOption(options.at, 'at', { timeZone, bareDate: 'noon', now: services.now }) : services.now();
          };
          const teams = options.team ? [options.team] : config.teams.map((team) => team.key);
          if (teams.length === 0) {
            io.err('No teams in the config: add one under `teams:` with a digestChannel and managers.');
            setExitCode(1);
            return;
          }
          if (options.dryRun) {
            for (const team of teams) {
              const digest = await buildWeeklyDigest(services, { team, config, now: nowFor(team) });
              for (const line of renderDigestDryRun(planDigestDryRun(digest))) io.out(line);
              if (options.png !== undefined) {
                const written = await writeChartPng(digest.trendChart, join(options.png, trendChartFileName(digest.trendChart)), io.cwd);
                io.out(`── chart (the image in both copies): ${written.line}`);
              }
            }
            return;
          }
          if (!env.slack) {
            throw new AppError(
              'digest_slack_missing',
              'Sending the digest needs SLACK_BOT_TOKEN (xoxb-…). Set it, or add --dry-run to print the digest instead.',
            );
          }
          const client = createSlackWebClient(env.slack);
          const richFallback = { log: createRichFallbackLog((message) => io.err(message)), sleep: services.sleep };
          const sender = createSlackSender({
            client,
            outbox: services.outbox,
            leaseMinutes: config.notifications.leaseMinutes,
            now: services.now,
            richFallback,
          });
          const charts = createSlackChartPublisher({ log: richFallback.log })(client);
          for (const team of teams) {
            const result = await sendWeeklyDigest({ services, config, sender, charts, now: nowFor(team), team });
            if (result.status === 'sent') {
              io.out(
                `${result.key}: sent${result.channel ? ` to ${result.channel}` : ''} and ${result.directMessages} manager DM${result.directMessages === 1 ? '' : 's'}.`,
              );
            } else if (result.status === 'already_claimed') {
              io.out(`${result.key}: already sent (or being sent) by another run; nothing sent.`);
            } else {
              io.err(`${result.key}: failed: ${result.error}`);
              setExitCode(1);
            }
          }
        },
        { access: options.dryRun ? 'read' : 'write' },
      );
    });
