import { Command } from 'commander';
import { buildCalibrationReport } from '../../domain/calibration/index.ts';
import { changedShare, countDisputes } from '../../domain/disputes/index.ts';
import { withReader, type CliIo } from '../cli-context.ts';
import { renderCalibration } from '../render-calibration.ts';

export const calibrationCommand = (io: CliIo): Command =>
  new Command('calibration')
    .description('AI versus human scores of the same calls, per criterion: quadratic weighted kappa, agreement, mean difference')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      await withReader(io, async ({ services, thresholds }) => {
        const report = buildCalibrationReport(await services.scores.calibrationPairs(), thresholds.agreement);
        // Disputes feed calibration (issue 19): per criterion, how many were raised and how often the AI score was changed.
        const disputes = countDisputes(await services.disputes.list()).map((counts) => ({ ...counts, changedShare: changedShare(counts) }));
        if (options.json) {
          io.out(JSON.stringify({ ...report, disputes }, null, 2));
          return;
        }
        const rubric = await services.directory.currentRubric();
        for (const line of renderCalibration(report, rubric?.criteria ?? [])) io.out(line);
        io.out('');
        if (disputes.length === 0) {
          io.out('Disputes: none raised yet.');
          return;
        }
        io.out('Disputes by criterion (raised · changed the AI score · kept · expired · open):');
        const nameOf = (key: string): string => rubric?.criteria.find((criterion) => criterion.key === key)?.name ?? key;
        for (const counts of disputes) {
          const share = counts.changedShare === null ? 'none decided yet' : `${Math.round(counts.changedShare * 100)}% of decided changed`;
          io.out(
            `  ${nameOf(counts.criterionKey)}: ${counts.raised} raised · ${counts.changed} changed · ${counts.kept} kept · ${counts.expired} expired · ${counts.open} open (${share})`,
          );
        }
      });
    });
