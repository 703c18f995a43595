import { tz } from '@date-fns/tz';
import { format } from 'date-fns';

import { thresholdFor } from '../readiness/applicable-criteria.ts';
import type { ProgramInfo, ReadinessThresholds, Trends } from '../readiness/types.ts';
import type { Criterion } from '../types.ts';

// A weekly trend as a picture would show it: one series per criterion (the weighted overall first), each
// with its threshold, and the training marked. Pure data: the renderer (src/charts/) draws it, the
// Slack builders show it as an image with `describeTrendChart` as its alt text, and the CLI writes it.

export interface TrendSeries {
  /** Criterion key, or 'overall'. */
  key: string;
  name: string;
  threshold: number;
  /** Targeted by a training program. */
  targeted: boolean;
  /** One value per week of the chart (null: no scored live call that week). */
  values: (number | null)[];
}

export interface TrendTraining {
  /** "Empathy bootcamp ends". */
  label: string;
  /** When the program completes: post-training calls count from here. */
  at: Date;
}

export interface TrendChart {
  /** Whose trend: a team or one agent. */
  subject: { kind: 'team' | 'agent'; key: string; name: string };
  /** "Northside: 8-week trend". */
  title: string;
  /** "Weekly mean score of live calls (0–100)". */
  subtitle: string;
  /** "Weeks of 10 Aug – 28 Sep 2026, Europe/London". */
  period: string;
  timeZone: string;
  weeks: { start: Date; label: string; calls: number }[];
  series: TrendSeries[];
  /** Programs whose completion is marked, distinct, earliest first. */
  training: TrendTraining[];
}

export interface BuildTrendChartInput {
  subject: TrendChart['subject'];
  trends: Pick<Trends, 'weeks' | 'timeZone'>;
  criteria: readonly Pick<Criterion, 'key' | 'name'>[];
  thresholds: Pick<ReadinessThresholds, 'readiness'>;
  /** The programs of the subject (one agent's, or every agent's of a team); null entries are skipped. */
  programs: readonly (ProgramInfo | null)[];
}

/** Most programs marked on one chart: a team with more names the count in the subtitle. */
export const MAX_MARKED_PROGRAMS = 3;

const weekLabel = (date: Date, timeZone: string): string => format(date, 'd MMM', { in: tz(timeZone) });

const distinctPrograms = (programs: readonly (ProgramInfo | null)[]): ProgramInfo[] => {
  const byKey = new Map<string, ProgramInfo>();
  for (const program of programs)
    if (program && !byKey.has(`${program.key}|${program.completesAt.getTime()}`))
      byKey.set(`${program.key}|${program.completesAt.getTime()}`, program);
  return [...byKey.values()].sort((a, b) => a.completesAt.getTime() - b.completesAt.getTime());
};

/**
 * The chart of a trend: the overall and each criterion per week, against their thresholds, with the
 * programs' completion dates. Criteria no program targets are drawn too (adjacent criteria).
 */
export const buildTrendChart = (input: BuildTrendChartInput): TrendChart => {
  const { trends, subject, thresholds } = input;
  const programs = distinctPrograms(input.programs);
  const targeted = new Set(programs.flatMap((program) => program.targetedCriteria));
  const weeks = trends.weeks.map((week) => ({
    start: week.weekStart,
    label: weekLabel(week.weekStart, trends.timeZone),
    calls: week.calls,
  }));
  const series: TrendSeries[] = [
    {
      key: 'overall',
      name: 'Overall',
      threshold: thresholds.readiness.overall,
      targeted: false,
      values: trends.weeks.map((week) => week.overall),
    },
    ...input.criteria.map((criterion) => ({
      key: criterion.key,
      name: criterion.name,
      threshold: thresholdFor(thresholds, criterion.key),
      targeted: targeted.has(criterion.key),
      values: trends.weeks.map((week) => week.criteria[criterion.key] ?? null),
    })),
  ];
  const first = trends.weeks[0]?.weekStart;
  const last = trends.weeks.at(-1)?.weekStart;
  const range =
    first && last
      ? `Weeks of ${weekLabel(first, trends.timeZone)} – ${format(last, 'd MMM yyyy', { in: tz(trends.timeZone) })}`
      : 'No weeks';
  return {
    subject,
    title: `${subject.name}: ${trends.weeks.length}-week trend`,
    subtitle: 'Weekly mean score of live calls (0–100)',
    period: `${range}, ${trends.timeZone}`,
    timeZone: trends.timeZone,
    weeks,
    series,
    training: programs.slice(0, MAX_MARKED_PROGRAMS).map((program) => ({ label: `${program.name} ends`, at: program.completesAt })),
  };
};

/** Whether the chart has anything to draw: at least one week with a scored live call. */
export const hasTrendData = (chart: TrendChart): boolean => chart.weeks.some((week) => week.calls > 0);

const shown = (value: number | null): string => (value === null ? 'none' : String(Math.round(value)));

/** Slack's limit for an image's alt text. */
export const ALT_TEXT_MAX = 2000;

/**
 * The chart in words, for screen readers and notifications: every figure it draws. Each series lists
 * its weekly values oldest first ("none" for a week without calls) and its threshold.
 */
export const describeTrendChart = (chart: TrendChart): string => {
  const weeks = chart.weeks.map((week) => week.label).join(', ');
  const training =
    chart.training.length === 0
      ? 'No training program.'
      : `Training: ${chart.training.map((entry) => `${entry.label} on ${format(entry.at, 'd MMM yyyy', { in: tz(chart.timeZone) })}`).join('; ')}.`;
  const lines = [
    `${chart.title}. ${chart.subtitle}. ${chart.period}. Weeks: ${weeks}. Calls per week: ${chart.weeks.map((week) => week.calls).join(', ')}.`,
    ...chart.series.map(
      (series) =>
        `${series.name}${series.targeted ? ' (targeted)' : ''}: ${series.values.map(shown).join(', ')}; threshold ${Math.round(series.threshold)}.`,
    ),
    training,
  ];
  const text = lines.join(' ');
  return text.length <= ALT_TEXT_MAX ? text : `${text.slice(0, ALT_TEXT_MAX - 1)}…`;
};

/** A file name for the chart: `trend-<team|agent>-<key>.png`, safe on every file system. */
export const trendChartFileName = (chart: TrendChart): string =>
  `trend-${chart.subject.kind}-${
    chart.subject.key
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'chart'
  }.png`;

/** A chart Slack holds (uploaded with files.uploadV2): what an `image` block needs to show it. */
export interface PublishedChart {
  /** The Slack file id (F…). */
  fileId: string;
  title: string;
  altText: string;
}
