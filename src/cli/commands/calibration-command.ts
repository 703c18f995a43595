import { Command } from 'commander';
import { buildCalibrationReport } from '../../domain/calibration/index.ts';
import { withReader, type CliIo } from '../cli-context.ts';
import { renderCalibration } from '../render-calibration.ts';

export const calibrationCommand = (io: CliIo): Command =>
  new Command('calibration')
    .description('AI versus human scores of the same calls, per criterion: quadratic weighted kappa, agreement, mean difference')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      await withReader(io, async ({ services, thresholds }) => {
        const report = buildCalibrationReport(await services.scores.calibrationPairs(), thresholds.agreement);
        if (options.json) {
          io.out(JSON.stringify(report, null, 2));
          return;
        }
        const rubric = await services.directory.currentRubric();
        for (const line of renderCalibration(report, rubric?.criteria ?? [])) io.out(line);
      });
    });
