import { atLeast, mean } from '../averages.ts';
import { buildDedupeKey } from '../build-dedupe-key.ts';
import { messages } from '../messages.ts';
import type { QuotedMoment, RecommendationOf, ScoredCall } from '../types.ts';
import { latestPeriodStart, postTrainingLiveCalls, type RuleContext } from './rule-context.ts';

const MAX_MOMENTS = 3;

interface Ranked {
  score: number;
  at: number;
  id: string;
  call: ScoredCall;
}

/** Lowest score first, then oldest, then by id: a total order (ids are unique). */
const before = (a: Ranked, b: Ranked): boolean =>
  a.score - b.score < 0 || (a.score === b.score && (a.at < b.at || (a.at === b.at && a.id < b.id)));

/** Calls taken from the heap one at a time before the rest is sorted at once (calls with no quote). */
const HEAP_TAKES = 32;

/**
 * The calls of `entries` in `before` order, lazily: iterating it again replays the calls already taken, then
 * takes more. Heapify is linear and each of the first HEAP_TAKES calls costs a logarithm; past those (calls
 * with no quote to show, e.g. score-only data) the rest is sorted once, so it never costs more than a sort.
 */
const lowestFirst = (entries: Ranked[]): Iterable<ScoredCall> => {
  const heap = entries;
  const down = (from: number): void => {
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      const child = right < heap.length && before(heap[right] as Ranked, heap[left] as Ranked) ? right : left;
      if (!before(heap[child] as Ranked, heap[i] as Ranked)) return;
      [heap[i], heap[child]] = [heap[child] as Ranked, heap[i] as Ranked];
      i = child;
    }
  };
  for (let i = Math.floor(heap.length / 2) - 1; i >= 0; i -= 1) down(i);
  const taken: ScoredCall[] = [];
  let rest: Ranked[] | null = null;
  let next = 0;
  const take = (): ScoredCall | undefined => {
    if (rest === null && taken.length >= HEAP_TAKES) rest = heap.sort((a, b) => (before(a, b) ? -1 : 1));
    if (rest !== null) {
      const entry = rest[next];
      if (!entry) return undefined;
      next += 1;
      taken.push(entry.call);
      return entry.call;
    }
    const top = heap[0];
    if (!top) return undefined;
    const last = heap.pop() as Ranked;
    if (heap.length > 0) {
      heap[0] = last;
      down(0);
    }
    taken.push(top.call);
    return top.call;
  };
  return {
    *[Symbol.iterator]() {
      for (let i = 0; ; i += 1) {
        const call = i < taken.length ? taken[i] : take();
        if (call === undefined) return;
        yield call;
      }
    },
  };
};

/**
 * Up to three quoted moments on a criterion from the lowest-scoring live calls: first one agent turn
 * per call, lowest call first; then any other moment of those calls, in the same order.
 */
export const quoteLowestMoments = (calls: readonly ScoredCall[], key: string): QuotedMoment[] => {
  // The calls lowest first, taken one at a time from a heap: the first pass usually stops after three
  // calls, so sorting every post-training call (what this used to do) would be most of the cost.
  const lowest = lowestFirst(
    calls.flatMap((call) => {
      const score = call.criteria[key];
      return score === undefined ? [] : [{ score, at: call.occurredAt.getTime(), id: call.callId, call }];
    }),
  );
  const quote = (call: ScoredCall, moment: NonNullable<ScoredCall['moments']>[number]): QuotedMoment => ({
    callId: call.callId,
    externalId: call.externalId,
    occurredAt: call.occurredAt,
    score: call.criteria[key] ?? 0,
    turn: moment.turn,
    role: moment.role,
    quote: moment.quote,
  });
  // A call's moments on the criterion, by turn: read once per call, for both passes below.
  const seen = new Map<ScoredCall, NonNullable<ScoredCall['moments']>>();
  const ofCall = (call: ScoredCall) => {
    let moments = seen.get(call);
    if (!moments) {
      const all = call.moments ?? [];
      moments = all.length === 0 ? all : all.filter((moment) => moment.criterionKey === key).sort((a, b) => a.turn - b.turn);
      seen.set(call, moments);
    }
    return moments;
  };
  const picked: QuotedMoment[] = [];
  const used = new Set<string>();
  for (const call of lowest) {
    const moment = ofCall(call).find((candidate) => candidate.role === 'agent');
    if (!moment) continue;
    picked.push(quote(call, moment));
    used.add(`${call.callId}#${moment.turn}#${moment.quote}`);
    if (picked.length === MAX_MOMENTS) return picked;
  }
  for (const call of lowest) {
    for (const moment of ofCall(call)) {
      if (used.has(`${call.callId}#${moment.turn}#${moment.quote}`)) continue;
      picked.push(quote(call, moment));
      if (picked.length === MAX_MOMENTS) return picked;
    }
  }
  return picked;
};

/**
 * `roleplay_live_gap`, per criterion: the mean of roleplay calls since the program start minus the mean
 * of post-training live calls is at least `rules.roleplayGap`, each side with at least
 * `rules.minCallsPerGroup` calls scored on the criterion. Evidence quotes the moments of the
 * lowest-scoring live calls.
 */
export const findRoleplayLiveGap = (context: RuleContext): RecommendationOf<'roleplay_live_gap'>[] => {
  const { agent, program, criteria, thresholds } = context;
  const { roleplayGap, minCallsPerGroup } = thresholds.rules;
  const roleplay = context.calls.filter((call) => call.kind === 'roleplay' && call.occurredAt.getTime() >= program.startsAt.getTime());
  const live = postTrainingLiveCalls(context);
  const found: RecommendationOf<'roleplay_live_gap'>[] = [];
  for (const criterion of criteria) {
    const key = criterion.key;
    const roleplayScores = roleplay.flatMap((call) => (call.criteria[key] === undefined ? [] : [call.criteria[key]]));
    const liveCalls = live.filter((call) => call.criteria[key] !== undefined);
    const roleplayMean = mean(roleplayScores);
    const liveMean = mean(liveCalls.map((call) => call.criteria[key] ?? 0));
    if (roleplayMean === null || liveMean === null) continue;
    if (roleplayScores.length < minCallsPerGroup || liveCalls.length < minCallsPerGroup) continue;
    const gap = roleplayMean - liveMean;
    if (!atLeast(gap, roleplayGap)) continue;
    const moments = quoteLowestMoments(liveCalls, key);
    found.push({
      rule: 'roleplay_live_gap',
      scope: 'agent',
      agentId: agent.id,
      criterion: key,
      message: messages.roleplayLiveGap({
        agent: agent.displayName,
        criterion: criterion.name,
        roleplay: roleplayMean,
        live: liveMean,
        gap,
        quoted: moments.length,
      }),
      evidence: {
        roleplay: { calls: roleplayScores.length, mean: roleplayMean, since: program.startsAt },
        live: { calls: liveCalls.length, mean: liveMean, since: program.completesAt },
        gap,
        moments,
      },
      dedupeKey: buildDedupeKey(
        'roleplay_live_gap',
        { agentId: agent.id, criterion: key },
        latestPeriodStart(context, liveCalls) ?? program.completesAt,
      ),
    });
  }
  return found;
};
