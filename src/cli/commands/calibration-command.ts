import { Command } from 'commander';
import { buildCalibrationReport, type CalibrationRow } from '../../domain/calibration/index.ts';
import { withReader, type CliIo } from '../cli-context.ts';

const pct = (value: number | null): string => (value === null ? '—' : `${Math.round(value * 100)}%`);

const renderRow = (row: CalibrationRow): string =>
  [
    row.criterionKey.padEnd(22),
    String(row.count).padStart(5),
    (row.kappa === null ? `— (${row.kappaUndefined})` : row.kappa.toFixed(2)).padStart(8),
    (row.band ?? '').padEnd(15),
    pct(row.exactAgreement).padStart(6),
    pct(row.withinOneAgreement).padStart(8),
    (row.meanAbsoluteDifference === null ? '—' : row.meanAbsoluteDifference.toFixed(1)).padStart(6),
  ].join('  ');

export const calibrationCommand = (io: CliIo): Command =>
  new Command('calibration')
    .description('AI versus human scores of the same calls, per criterion: quadratic weighted kappa, agreement, mean difference')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      await withReader(io, async ({ services }) => {
        const report = buildCalibrationReport(await services.scores.calibrationPairs());
        if (options.json) {
          io.out(JSON.stringify(report, null, 2));
          return;
        }
        if (report.all.count === 0) {
          io.out('No call has both an AI and a human score of the same criterion yet. Import human scores with `npx floorready import-scores`.');
          return;
        }
        io.out(`${'criterion'.padEnd(22)}  ${'pairs'.padStart(5)}  ${'kappa'.padStart(8)}  ${'agreement'.padEnd(15)}  ${'exact'.padStart(6)}  ${'within 1'.padStart(8)}  ${'MAD'.padStart(6)}`);
        for (const row of report.criteria) io.out(renderRow(row));
        io.out(renderRow(report.all));
        io.out('kappa: quadratic weighted, on the 1–5 levels; agreement in Landis–Koch words; MAD: mean absolute difference in points (0–100).');
      });
    });
