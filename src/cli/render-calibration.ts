import { describeAgreement, kappaShown, type CalibrationReport, type CalibrationRow } from '../domain/calibration/index.ts';
import { criterionName } from '../domain/readiness/rules/rule-context.ts';
import type { Criterion } from '../domain/types.ts';
import { fitLines, formatScore } from './format-figures.ts';

// AI versus human scores of the same calls, per criterion, as `floorready calibration` and the demo
// print it: criteria by name, every column explained under the table, 80 columns. A kappa is shown only from
// `minPairs` pairs, always with its 95% interval; a Landis–Koch band only from `minPairsForBand` (ADR 0031).

const pct = (value: number | null): string => (value === null ? '—' : `${Math.round(value * 100)}%`);
const two = (value: number): string => value.toFixed(2).replace('-', '−');

const row = (entry: CalibrationRow, name: string): string =>
  [
    `  ${name.padEnd(24)}`,
    String(entry.count).padStart(5),
    (kappaShown(entry) && entry.kappa !== null ? two(entry.kappa) : '—').padStart(6),
    (kappaShown(entry) && entry.kappaLow !== null && entry.kappaHigh !== null
      ? `${two(entry.kappaLow)} to ${two(entry.kappaHigh)}`
      : '—'
    ).padEnd(14),
    pct(entry.exactAgreement).padStart(6),
    pct(entry.withinOneAgreement).padStart(9),
    formatScore(entry.meanAbsoluteDifference).padStart(5),
  ].join(' ');

/** The table, or one line saying there is nothing to compare yet. */
export const renderCalibration = (report: CalibrationReport, criteria: readonly Pick<Criterion, 'key' | 'name'>[]): string[] => {
  if (report.all.count === 0) {
    return ['No call has both an AI and a human score of the same criterion yet. Import human scores with `npx floorready import-scores`.'];
  }
  const nameOf = (key: string) => criterionName(criteria, key);
  return fitLines(
    [
      `  ${'criterion'.padEnd(24)} ${'pairs'.padStart(5)} ${'kappa'.padStart(6)} ${'95% interval'.padEnd(14)} ${'exact'.padStart(6)} ${'within 1'.padStart(9)} ${'MAD'.padStart(5)}`,
      ...report.criteria.map((entry) => row(entry, nameOf(entry.criterionKey))),
      row(report.all, 'all criteria'),
      '  agreement:',
      ...[...report.criteria, report.all].map(
        (entry) => `    ${entry.criterionKey === 'all' ? 'all criteria' : nameOf(entry.criterionKey)}: ${describeAgreement(entry)}`,
      ),
      '  pairs: calls scored by both the AI and a person on that criterion. kappa: quadratic weighted κ ' +
        `on the 1–5 levels (1 = always the same level, 0 = no better than chance), shown from ${report.all.minPairs} pairs with its 95% interval; ` +
        `its Landis–Koch band ("substantial" …) only from ${report.all.minPairsForBand} pairs. ` +
        'exact / within 1: pairs on the same level / at most one level apart. MAD: mean absolute difference in points (0–100).',
    ],
    80,
    2,
  );
};
