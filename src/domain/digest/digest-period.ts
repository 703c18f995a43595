import { tz } from '@date-fns/tz';
import { addWeeks, getISOWeek, getISOWeekYear, startOfWeek } from 'date-fns';

import type { DigestPeriod } from './types.ts';

/** The ISO week before the week of `now`, in `timeZone` (Monday to Monday). */
export const digestPeriod = (now: Date, timeZone: string): DigestPeriod => {
  const zone = tz(timeZone);
  const end = startOfWeek(now, { in: zone, weekStartsOn: 1 });
  const start = addWeeks(end, -1, { in: zone });
  const week = getISOWeek(start, { in: zone });
  return {
    start: new Date(start.getTime()),
    end: new Date(end.getTime()),
    isoWeek: `${getISOWeekYear(start, { in: zone })}-W${String(week).padStart(2, '0')}`,
    timeZone,
  };
};

/** The outbox key of a team's digest for a period: one send per team and ISO week. */
export const digestRunKey = (teamKey: string, period: DigestPeriod): string => `${teamKey}:${period.isoWeek}`;
