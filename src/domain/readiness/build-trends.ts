import { tz } from '@date-fns/tz';
import { addWeeks } from 'date-fns/addWeeks';
import { startOfWeek } from 'date-fns/startOfWeek';
import type { Criterion } from '../types.ts';
import { FRUSTRATION_LEVELS } from '../types.ts';
import { difference, mean, periodFigures, sortCalls } from './averages.ts';
import type { AdjacentCriterion, Baseline, CriterionMeans, ProgramInfo, ScoredCall, TrendWeek, Trends } from './types.ts';

export const DEFAULT_TREND_WEEKS = 8;

export interface BuildTrendsInput {
  /** One agent's calls. */
  calls: readonly ScoredCall[];
  criteria: readonly Pick<Criterion, 'key' | 'name'>[];
  program: ProgramInfo | null;
  /** The agent's all-types baseline (its figures are used even when insufficient; the report flags that). */
  baseline: Baseline | null;
  now: Date;
  /** IANA time zone in which weeks start on Monday 00:00. Default 'UTC'. */
  timeZone?: string;
  /** Number of weeks, the week of `now` last. Default 8. */
  weeks?: number;
}

export interface TeamTrendsMember {
  calls: readonly ScoredCall[];
  program: ProgramInfo | null;
  baseline: Baseline | null;
}

export interface BuildTeamTrendsInput extends Omit<BuildTrendsInput, 'calls' | 'program' | 'baseline'> {
  members: readonly TeamTrendsMember[];
}

/**
 * The instants at which the last `count` ISO weeks (Monday 00:00 in the time zone) start, plus the end
 * of the current week. Time-zone arithmetic is slow, and every agent of a report asks the same
 * question, so the last few answers are remembered (a pure function of its arguments).
 */
const weekBoundsMemo = new Map<string, readonly number[]>();
const weekBounds = (now: Date, timeZone: string, count: number): readonly number[] => {
  const key = `${now.getTime()}|${timeZone}|${count}`;
  const known = weekBoundsMemo.get(key);
  if (known) return known;
  const current = startOfWeek(now, { in: tz(timeZone), weekStartsOn: 1 });
  const bounds = Array.from({ length: Math.max(0, count) + 1 }, (_, index) =>
    addWeeks(current, index - (count - 1), { in: tz(timeZone) }).getTime(),
  );
  if (weekBoundsMemo.size >= 16) weekBoundsMemo.delete(weekBoundsMemo.keys().next().value as string);
  weekBoundsMemo.set(key, bounds);
  return bounds;
};

const weeklySeries = (
  liveCalls: readonly ScoredCall[],
  criteria: readonly Pick<Criterion, 'key'>[],
  now: Date,
  timeZone: string,
  count: number,
): TrendWeek[] => {
  // Calls are placed by comparing instants with the week bounds (no per-call time-zone arithmetic),
  // and calls outside the window are skipped at once.
  const bounds = weekBounds(now, timeZone, count);
  const first = bounds[0] ?? Infinity;
  const last = bounds[bounds.length - 1] ?? -Infinity;
  const byWeek: ScoredCall[][] = bounds.slice(0, -1).map(() => []);
  for (const call of liveCalls) {
    const at = call.occurredAt.getTime();
    if (at < first || at >= last) continue;
    let index = 0;
    while (at >= (bounds[index + 1] as number)) index += 1;
    byWeek[index]?.push(call);
  }
  return byWeek.map((calls, index) => ({ weekStart: new Date(bounds[index] as number), ...periodFigures(calls, criteria) }));
};

const assemble = (p: {
  liveCalls: readonly ScoredCall[];
  postTraining: readonly ScoredCall[];
  baseline: CriterionMeans | null;
  targeted: ReadonlySet<string> | null;
  criteria: readonly Pick<Criterion, 'key' | 'name'>[];
  now: Date;
  timeZone: string;
  weeks: number;
}): Trends => {
  const postTraining = periodFigures(p.postTraining, p.criteria);
  const deltaVsBaseline: CriterionMeans = Object.fromEntries(
    p.criteria.map((criterion) => [criterion.key, difference(postTraining.criteria[criterion.key], p.baseline?.[criterion.key])]),
  );
  const adjacentCriteria: AdjacentCriterion[] =
    p.targeted === null
      ? []
      : p.criteria
          .filter((criterion) => !p.targeted?.has(criterion.key))
          .map((criterion) => ({
            criterion: criterion.key,
            name: criterion.name,
            baseline: p.baseline?.[criterion.key] ?? null,
            postTraining: postTraining.criteria[criterion.key] ?? null,
            delta: deltaVsBaseline[criterion.key] ?? null,
          }));
  const frustrationSplit = Object.fromEntries(
    FRUSTRATION_LEVELS.map((level) => [
      level,
      periodFigures(
        p.postTraining.filter((call) => call.frustration === level),
        p.criteria,
      ),
    ]),
  ) as Trends['frustrationSplit'];
  return {
    timeZone: p.timeZone,
    weeks: weeklySeries(p.liveCalls, p.criteria, p.now, p.timeZone, p.weeks),
    baseline: p.baseline,
    postTraining,
    deltaVsBaseline,
    adjacentCriteria,
    frustrationSplit,
  };
};

const postTrainingOf = (calls: readonly ScoredCall[], program: ProgramInfo | null): ScoredCall[] =>
  program === null ? [] : calls.filter((call) => call.kind === 'live' && call.occurredAt.getTime() >= program.completesAt.getTime());

/**
 * One agent's trend: the weekly series of live calls (ISO weeks in `timeZone`), the post-training means
 * and their deltas against the baseline, the criteria the program did not target (adjacent criteria),
 * and the post-training split by customer frustration.
 */
export const buildTrends = ({
  calls,
  criteria,
  program,
  baseline,
  now,
  timeZone = 'UTC',
  weeks = DEFAULT_TREND_WEEKS,
}: BuildTrendsInput): Trends => {
  const sorted = sortCalls(calls);
  return assemble({
    liveCalls: sorted.filter((call) => call.kind === 'live'),
    postTraining: postTrainingOf(sorted, program),
    baseline: baseline && baseline.calls > 0 ? baseline.criteria : null,
    targeted: program === null ? null : new Set(program.targetedCriteria),
    criteria,
    now,
    timeZone,
    weeks,
  });
};

/**
 * A team's trend: members' live calls pooled per week; post-training = each member's calls after their
 * own program's completion, pooled; baseline = per criterion the mean of the members' baseline means
 * (members without baseline calls leave it); targeted = any member's program's targeted criteria.
 */
export const buildTeamTrends = ({
  members,
  criteria,
  now,
  timeZone = 'UTC',
  weeks = DEFAULT_TREND_WEEKS,
}: BuildTeamTrendsInput): Trends => {
  const baselines = members.flatMap((member) => (member.baseline && member.baseline.calls > 0 ? [member.baseline.criteria] : []));
  const baseline: CriterionMeans | null =
    baselines.length === 0
      ? null
      : Object.fromEntries(
          criteria.map((criterion) => [
            criterion.key,
            mean(
              baselines.flatMap((means) =>
                means[criterion.key] === null || means[criterion.key] === undefined ? [] : [means[criterion.key] as number],
              ),
            ),
          ]),
        );
  const programs = members.flatMap((member) => (member.program ? [member.program] : []));
  return assemble({
    liveCalls: sortCalls(members.flatMap((member) => member.calls.filter((call) => call.kind === 'live'))),
    postTraining: sortCalls(members.flatMap((member) => postTrainingOf(member.calls, member.program))),
    baseline,
    targeted: programs.length === 0 ? null : new Set(programs.flatMap((program) => program.targetedCriteria)),
    criteria,
    now,
    timeZone,
    weeks,
  });
};
