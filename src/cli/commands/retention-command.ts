import { Command } from 'commander';

import { AppError } from '../../domain/app-error.ts';
import { runRetention, type RetentionResult } from '../../use-cases/run-retention.ts';
import { withSession, type CliIo } from '../cli-context.ts';
import { parseDateOption } from '../parse-options.ts';

const utc = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

/** What a run says, one sentence or two; never a figure that is not there. */
export const describeRetention = (result: Exclude<RetentionResult, { status: 'off' }>, callDays: number): string => {
  switch (result.status) {
    case 'dry_run':
      return (
        `Dry run: ${plural(result.counts.calls, 'call')} dated before ${utc(result.cutoff)} (retention.callDays ${callDays}) would be erased, ` +
        `with ${plural(result.counts.scores, 'score')} and ${plural(result.counts.disputes, 'dispute')}. Nothing was erased.`
      );
    case 'done':
      return (
        `Erased ${plural(result.counts.calls, 'call')} dated before ${utc(result.cutoff)} (retention.callDays ${callDays}), with their transcripts, ` +
        `${plural(result.counts.scores, 'score')} (evidence quotes included) and ${plural(result.counts.disputes, 'dispute')}; ` +
        `${plural(result.counts.messages, 'outbox message')} emptied. Approvals keep their figures. An audit row keeps these counts; nothing else.`
      );
    case 'taken': {
      const { run } = result;
      if (run.status === 'done')
        return `Retention already ran for ${run.key} (UTC) at ${utc(run.finishedAt ?? run.claimedAt)}: ${plural(run.deleted, 'call')} erased. It runs once a day.`;
      if (run.status === 'failed')
        return `Retention for ${run.key} (UTC) failed and was just taken by another run; see the app's log. Last error: ${run.error ?? 'none recorded'}.`;
      return `Retention for ${run.key} (UTC) is being run by another instance (since ${utc(run.claimedAt)}); nothing to do here.`;
    }
  }
};

export const retentionCommand = (io: CliIo): Command =>
  new Command('retention')
    .description('erase calls older than retention.callDays now (the app does it daily), or count them with --dry-run')
    .option('--dry-run', 'count what would be erased; erase and claim nothing')
    .option('--at <ISO date>', 'run as of this instant (default now; a bare date is its start, UTC)')
    .addHelpText(
      'after',
      [
        '',
        "Calls dated (by the call's own date) more than retention.callDays days before now are erased with",
        'their transcripts, scores, evidence quotes, exclusions and disputes; the outbox keeps its messages',
        'keys (so nothing is sent again) but not their texts. Approvals keep their figures. One audit row',
        'per run keeps the counts. It runs once per UTC day however many app instances (or this command) try.',
        '',
        'Examples:',
        '  floorready retention --dry-run',
        '  floorready retention',
      ].join('\n'),
    )
    .action(async (options: { dryRun?: boolean; at?: string }) => {
      await withSession(
        io,
        async ({ config, configPath, services }) => {
          const callDays = config.retention.callDays;
          if (callDays === undefined)
            throw new AppError(
              'retention_off',
              `Retention is off: set retention.callDays in ${configPath} (e.g. 365) to erase calls older than that many days.`,
            );
          const at = options.at ? parseDateOption(options.at, 'at', { timeZone: 'UTC', now: services.now }) : services.now();
          const result = await runRetention(services, {
            callDays,
            at,
            leaseMinutes: config.notifications.leaseMinutes,
            dryRun: options.dryRun === true,
          });
          if (result.status !== 'off') io.out(describeRetention(result, callDays));
        },
        { access: options.dryRun ? 'read' : 'write' },
      );
    });
