import { atLeast } from '../domain/readiness/averages.ts';
// The one rounding and labelling rule of the CLI's text: scores (0–100) and points are whole numbers,
// rounded half up (Math.round) in tables and sentences alike; a missing figure is "—"; a count always
// carries its unit ("17 calls"), so it never reads as a score.

/** A score or mean on the 0–100 scale, as a whole number; "—" when there is none. */
export const formatScore = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : String(Math.round(value));

/** A difference in points, signed ("+5", "−3", "±0"). */
export const formatDelta = (value: number | null | undefined): string => {
  if (value === null || value === undefined) return '—';
  const rounded = Math.round(value);
  return rounded === 0 ? '±0' : `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)}`;
};

/** A count with its unit, singular or plural: "1 call", "17 calls", "1 team". */
export const formatCount = (count: number, unit: string, plural = `${unit}s`): string => `${count} ${count === 1 ? unit : plural}`;

/** Seconds from the start of a call as m:ss (h:mm:ss past an hour); "—" without a time. */
export const formatOffset = (seconds: number | null | undefined): string => {
  if (seconds === null || seconds === undefined) return '—';
  const whole = Math.max(0, Math.floor(seconds));
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
};

/** Wraps `text` to lines of at most `width` characters (words longer than that stay whole). */
export const wrapText = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return line === '' && lines.length > 0 ? lines : [...lines, line];
};

/**
 * A score beside its threshold: whole like `formatScore`, except that a value below the threshold never
 * shows as the threshold: it gets the fewest decimals (one or two) that keep it below, rounded the same
 * way (74.6 → "74.6", 74.99 → "74.99"; 74.999 → "74.99").
 */
export const formatScoreAgainst = (value: number | null | undefined, threshold: number | undefined): string => {
  if (value === null || value === undefined || threshold === undefined || atLeast(value, threshold) || Math.round(value) < threshold)
    return formatScore(value);
  for (const decimals of [1, 2]) {
    const shown = Math.round(value * 10 ** decimals) / 10 ** decimals;
    if (shown < threshold) return shown.toFixed(decimals);
  }
  return (Math.floor(value * 100) / 100).toFixed(2);
};

/**
 * Points short of a threshold, as the difference of the figures shown: threshold − `formatScoreAgainst`
 * (so "71" against "75" is "4 points short", never 4.2 in one place and 5 in another).
 */
export const formatShortfall = (value: number, threshold: number): string => {
  const shown = formatScoreAgainst(value, threshold);
  const decimals = shown.includes('.') ? (shown.split('.')[1]?.length ?? 0) : 0;
  return Math.max(0, threshold - Number(shown)).toFixed(decimals);
};

/**
 * Each line no wider than `width`: a longer line is wrapped at word boundaries, its continuation lines
 * indented like its first line plus `hang` spaces. Blank lines stay.
 */
export const fitLines = (lines: readonly string[], width = 80, hang = 2): string[] =>
  lines.flatMap((line) => {
    if (line.length <= width) return [line];
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    const words = line.trim().split(/\s+/);
    const out: string[] = [];
    let current = '';
    for (const word of words) {
      const room = width - indent.length - (out.length === 0 ? 0 : hang);
      if (current !== '' && current.length + 1 + word.length > room) {
        out.push(current);
        current = word;
      } else current = current === '' ? word : `${current} ${word}`;
    }
    out.push(current);
    return out.map((part, index) => `${indent}${index === 0 ? '' : ' '.repeat(hang)}${part}`);
  });

/** A mean with its 95% margin, whole points: "76 ±4"; the mean alone (as formatScoreAgainst) without a margin. */
export const formatWithMargin = (value: number | null | undefined, margin: number | null | undefined, threshold?: number): string => {
  const shown = formatScoreAgainst(value, threshold);
  return value === null || value === undefined || margin === null || margin === undefined ? shown : `${shown} ±${Math.round(margin)}`;
};
