// The one rounding and labelling rule of the CLI's text: scores (0–100) and points are whole numbers,
// rounded half up (Math.round) in tables and sentences alike; a missing figure is "—"; a count always
// carries its unit ("17 calls"), so it never reads as a score.

/** A score or mean on the 0–100 scale, as a whole number; "—" when there is none. */
export const formatScore = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : String(Math.round(value)));

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
