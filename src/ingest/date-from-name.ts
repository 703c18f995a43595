/**
 * A date in a file or job name, as exports write them: `2026-09-30T14:05:00Z` (Contact Lens's
 * `…_analysis_2026-09-30T14:05:00Z.json`, colons sometimes as `_` or `-`), Zoom's `GMT20260930-140512`,
 * `20260930T140512`, `2026-09-30_14-05`, or a day alone (`2026-09-30`, `20260930`). A time without a zone
 * is read as UTC; a day alone as midnight UTC. Null when the name holds no valid date.
 */
const PATTERNS: readonly RegExp[] = [
  // 2026-09-30T14:05:00Z, 2026-09-30T14_05_00.123Z, 2026-09-30 14-05-00, 2026-09-30_14-05
  /(?<!\d)(\d{4})-(\d{2})-(\d{2})[T _](\d{2})[:_-](\d{2})(?:[:_-](\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}:?\d{2})?(?!\d)/,
  // GMT20260930-140512 (Zoom), 20260930T140512Z, 20260930-140512, 20260930_1405
  /(?<!\d)(\d{4})(\d{2})(\d{2})[T_-](\d{2})(\d{2})(\d{2})?(Z)?(?!\d)/,
  /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/,
  /(?<![\dA-Za-z])(\d{4})(\d{2})(\d{2})(?!\d)/,
];

export const dateFromName = (name: string): Date | null => {
  for (const pattern of PATTERNS) {
    const match = pattern.exec(name);
    if (!match) continue;
    const [year, month, day, hour = '0', minute = '0', second = '0'] = match.slice(1, 7).map((part) => part ?? undefined) as string[];
    const values = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
    const [y, mo, d, h, mi, s] = values;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) continue;
    const zone = match[7];
    let at = Date.UTC(y, mo - 1, d, h, mi, s);
    if (zone && zone !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.replace(/\D/g, '');
      at -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    const date = new Date(at);
    // 2026-02-31 is no date.
    if (date.getUTCDate() !== d && !zone) continue;
    return date;
  }
  return null;
};
