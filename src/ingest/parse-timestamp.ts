const TIMESTAMP = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/;

/**
 * Seconds (to the millisecond) of a timestamp `hh:mm:ss.ttt`, `mm:ss.ttt`, `hh:mm:ss,ttt` (SRT),
 * `h:mm:ss` or `mm:ss`; null when the text is not one.
 */
export const parseTimestamp = (value: string): number | null => {
  const match = TIMESTAMP.exec(value.trim());
  if (!match) return null;
  const [, hours, minutes = '0', seconds = '0', fraction] = match;
  const secs = Number(seconds);
  const mins = Number(minutes);
  if (secs >= 60) return null;
  if (hours !== undefined && mins >= 60) return null;
  const millis = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  const totalMillis = ((Number(hours ?? 0) * 60 + mins) * 60 + secs) * 1000 + millis;
  return totalMillis / 1000;
};
