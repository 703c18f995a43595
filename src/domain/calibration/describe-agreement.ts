import type { CalibrationRow } from './build-calibration-report.ts';

// The one wording of an agreement figure, for every surface (CLI, Slack card, App Home, DMs, digest):
// never "undefined", NaN or a blank where a number should be. Plain text; each renderer escapes it.

const two = (value: number): string => (Object.is(Math.round(value * 100) / 100, -0) ? '0.00' : value.toFixed(2)).replace('-', '−');

const pairsText = (count: number): string => `${count} pair${count === 1 ? '' : 's'}`;

export type AgreementRow = Pick<
  CalibrationRow,
  'count' | 'kappa' | 'kappaLow' | 'kappaHigh' | 'kappaUndefined' | 'band' | 'minPairs' | 'minPairsForBand'
>;

/** Whether a kappa is stated at all: enough pairs, and defined. */
export const kappaShown = (row: AgreementRow): boolean => row.count >= row.minPairs && row.kappa !== null;

/**
 * "κ 0.62 (95% 0.41 to 0.83, 24 pairs), substantial"; "κ 0.84 (95% 0.55 to 1.00, 12 pairs); no agreement
 * band below 20 pairs"; "not enough reviewed calls (3 of the 10 needed)"; "no κ: both gave every call the
 * same level (12 pairs)".
 */
export const describeAgreement = (row: AgreementRow): string => {
  if (row.count < row.minPairs) return `not enough reviewed calls (${row.count} of the ${row.minPairs} needed)`;
  if (row.kappa === null || row.kappaLow === null || row.kappaHigh === null) {
    return `no κ: the AI and the reviewers gave every call the same level, so agreement beyond chance cannot be measured (${pairsText(row.count)})`;
  }
  const figure = `κ ${two(row.kappa)} (95% ${two(row.kappaLow)} to ${two(row.kappaHigh)}, ${pairsText(row.count)})`;
  return row.band === null ? `${figure}; no agreement band below ${row.minPairsForBand} pairs` : `${figure}, ${row.band}`;
};
