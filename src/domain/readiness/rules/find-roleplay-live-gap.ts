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

/** How many of the lowest calls one pass over the calls keeps; past those the rest is sorted at once. */
const HEAP_TAKES = 32;

/** Sifts entry `from` of a heap whose root is the entry every other comes `before` (the highest kept). */
const siftDown = (heap: Ranked[], from: number): void => {
  let i = from;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) return;
    const right = left + 1;
    const child = right < heap.length && before(heap[left] as Ranked, heap[right] as Ranked) ? right : left;
    if (!before(heap[i] as Ranked, heap[child] as Ranked)) return;
    [heap[i], heap[child]] = [heap[child] as Ranked, heap[i] as Ranked];
    i = child;
  }
};

/**
 * The calls scored on `key` (and not known to have no quote on it) in `before` order, lazily: iterating it
 * again replays the calls already taken, then takes more. One pass keeps the HEAP_TAKES lowest in a
 * bounded heap (a call is compared with the highest kept, and only a call that enters is allocated for);
 * past those (calls with no quote to show) every candidate is ranked and sorted once, so it never costs
 * more than a sort (ADR 0050; ADR 0047 heapified every call).
 */
const lowestFirst = (calls: readonly ScoredCall[], key: string): Iterable<ScoredCall> => {
  const kept: Ranked[] = [];
  // Whether a call may have been left out of `kept` (then the rest is ranked when the kept run out).
  let passedOver = false;
  for (const call of calls) {
    const score = call.criteria[key];
    if (score === undefined) continue;
    const highest = kept.length === HEAP_TAKES ? kept[0] : undefined;
    // A full heap: a higher score cannot enter (nothing read but the score, nothing allocated).
    if (highest !== undefined && score > highest.score) {
      passedOver = true;
      continue;
    }
    if (call.quoted !== undefined && !call.quoted.includes(key)) continue;
    const at = call.occurredAt.getTime();
    if (highest !== undefined) {
      // `before(this call, highest)`, the score being at most the highest's.
      if (!(score < highest.score || at < highest.at || (at === highest.at && call.callId < highest.id))) {
        passedOver = true;
        continue;
      }
      kept[0] = { score, at, id: call.callId, call };
      siftDown(kept, 0);
      passedOver = true;
      continue;
    }
    kept.push({ score, at, id: call.callId, call });
    for (let i = kept.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(kept[parent] as Ranked, kept[i] as Ranked)) break;
      [kept[i], kept[parent]] = [kept[parent] as Ranked, kept[i] as Ranked];
      i = parent;
    }
  }
  const order = (a: Ranked, b: Ranked): number => (before(a, b) ? -1 : 1);
  const taken = kept.sort(order).map((entry) => entry.call);
  let complete = !passedOver;
  const more = (): void => {
    complete = true;
    const all: Ranked[] = [];
    for (const call of calls) {
      const score = call.criteria[key];
      if (score === undefined || (call.quoted !== undefined && !call.quoted.includes(key))) continue;
      all.push({ score, at: call.occurredAt.getTime(), id: call.callId, call });
    }
    for (const entry of all.sort(order).slice(taken.length)) taken.push(entry.call);
  };
  return {
    *[Symbol.iterator]() {
      for (let i = 0; ; i += 1) {
        if (i === taken.length && !complete) more();
        const call = taken[i];
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
  // The calls lowest first: the first pass usually stops after three calls, so sorting every
  // post-training call (what this did before ADR 0047) would be most of the cost. A call known to hold no
  // quote on the criterion gives no moment in either pass: it is not ranked (score-only calls: none is).
  const lowest = lowestFirst(calls, key);
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
