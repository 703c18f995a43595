/**
 * Issue 23 (ADR 0047): the report's hot paths were rewritten for cost (a lazy heap instead of a full sort in
 * quoteLowestMoments, one pass for every criterion's interval, no re-sort of calls already in order, the
 * advice settled apart from the figures). Each is compared here with the code it replaced, copied below as
 * it was, on random data: ties in score and time, calls with and without quotes, quotes that are only the
 * customer's, more calls than the heap takes before sorting the rest. ADR 0050 keeps the lowest calls in
 * one bounded pass and skips the calls known to hold no quote on the criterion (`quoted`): compared the same way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { groupIntervals, sortCalls } from '../../../src/domain/readiness/averages.ts';
import {
  adviseAgent,
  buildAgentFigures,
  buildAgentReadiness,
  quoteLowestMoments,
  type CallMoment,
  type QuotedMoment,
  type ScoredCall,
} from '../../../src/domain/readiness/index.ts';
import { meanInterval, type MeanInterval } from '../../../src/domain/statistics/index.ts';
import { weightedOverall } from '../../../src/domain/weighted-overall.ts';
import { CRITERIA, DAY, input, NOW, PROGRAM, thresholds } from './factory.ts';

// ---------------------------------------------------------------- the replaced code, as it was

const oldSortCalls = <T extends ScoredCall>(calls: readonly T[]): T[] =>
  [...calls].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0));

const oldGroupIntervals = (
  calls: readonly ScoredCall[],
  criteria: readonly { key: string }[],
): { overallInterval: MeanInterval | null; criteriaIntervals: Record<string, MeanInterval> } => {
  const criteriaIntervals: Record<string, MeanInterval> = {};
  for (const criterion of criteria) {
    const interval = meanInterval(
      calls.flatMap((call) => (call.criteria[criterion.key] === undefined ? [] : [call.criteria[criterion.key] as number])),
    );
    if (interval !== null) criteriaIntervals[criterion.key] = interval;
  }
  return { overallInterval: meanInterval(calls.flatMap((call) => (call.overall === null ? [] : [call.overall]))), criteriaIntervals };
};

const MAX_MOMENTS = 3;
const oldQuoteLowestMoments = (calls: readonly ScoredCall[], key: string): QuotedMoment[] => {
  const lowest = calls
    .flatMap((call) => {
      const score = call.criteria[key];
      return score === undefined ? [] : [{ score, at: call.occurredAt.getTime(), id: call.callId, call }];
    })
    .sort((a, b) => a.score - b.score || a.at - b.at || (a.id < b.id ? -1 : 1))
    .map((entry) => entry.call);
  const quote = (call: ScoredCall, moment: CallMoment): QuotedMoment => ({
    callId: call.callId,
    externalId: call.externalId,
    occurredAt: call.occurredAt,
    score: call.criteria[key] ?? 0,
    turn: moment.turn,
    role: moment.role,
    quote: moment.quote,
  });
  const seen = new Map<ScoredCall, CallMoment[]>();
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

// ---------------------------------------------------------------- random calls

const start = PROGRAM.startsAt.getTime() - 40 * DAY;
const momentArb = fc.record({
  criterionKey: fc.constantFrom(...CRITERIA.map((criterion) => criterion.key)),
  turn: fc.integer({ min: 1, max: 6 }),
  role: fc.constantFrom<CallMoment['role']>('agent', 'customer', 'customer'),
  quote: fc.constantFrom('a', 'b', 'c'),
});
const callArb = fc
  .record({
    id: fc.stringMatching(/^[a-z0-9]{1,6}$/),
    // Few distinct instants and scores: ties in score and in time are common.
    at: fc.integer({ min: 0, max: 30 }).map((step) => start + step * 3 * DAY),
    type: fc.constantFrom('basic', 'escalation', 'billing'),
    kind: fc.constantFrom<'live' | 'roleplay'>('live', 'live', 'live', 'roleplay'),
    scores: fc.tuple(...CRITERIA.map(() => fc.option(fc.constantFrom(10, 40, 60, 75, 90), { nil: undefined, freq: 8 }))),
    moments: fc.option(fc.array(momentArb, { maxLength: 6 }), { nil: undefined, freq: 2 }),
    unverified: fc.constantFrom<string[] | undefined>(undefined, undefined, undefined, undefined, ['empathy']),
    review: fc.constantFrom<string | undefined>(undefined, undefined, undefined, undefined, undefined, 'disputed'),
  })
  .map(({ id, at, type, kind, scores, moments, unverified, review }): ScoredCall => {
    const criteria: Record<string, number> = {};
    CRITERIA.forEach((criterion, index) => {
      const score = scores[index];
      if (score !== undefined) criteria[criterion.key] = score;
    });
    return {
      callId: id,
      externalId: `ext-${id}`,
      callType: type,
      kind,
      occurredAt: new Date(at),
      frustration: null,
      criteria,
      overall: Object.keys(criteria).length === 0 ? null : weightedOverall(criteria, CRITERIA),
      ...(moments ? { moments } : {}),
      ...(unverified ? { unverified } : {}),
      ...(review ? { needsReview: review } : {}),
    };
  });
const callsArb = fc.uniqueArray(callArb, { minLength: 0, maxLength: 150, selector: (call) => call.callId });

describe('report cost: the new code gives what the replaced code gave', () => {
  it('when the lowest moments are quoted, then they are the ones the full sort quoted, whatever the ties and the quotes', () => {
    fc.assert(
      fc.property(callsArb, (calls) => {
        for (const criterion of CRITERIA)
          expect(quoteLowestMoments(calls, criterion.key)).toEqual(oldQuoteLowestMoments(calls, criterion.key));
      }),
      { numRuns: 300 },
    );
    // ADR 0050: a call may say which criteria it has quotes on (`quoted`, as the repository's flag does: every
    // criterion of its moments, and perhaps one whose stored evidence holds no quote); the calls known to
    // have none on a criterion are not ranked, and the moments quoted are the ones the old code quoted.
    fc.assert(
      fc.property(callsArb, fc.array(fc.constantFrom(...CRITERIA.map((criterion) => criterion.key)), { maxLength: 2 }), (calls, extra) => {
        const flagged = calls.map(
          (call, i): ScoredCall =>
            i % 3 === 2
              ? call
              : { ...call, quoted: [...new Set([...(call.moments ?? []).map((moment) => moment.criterionKey), ...extra])] },
        );
        for (const criterion of CRITERIA)
          expect(quoteLowestMoments(flagged, criterion.key)).toEqual(oldQuoteLowestMoments(calls, criterion.key));
      }),
      { numRuns: 300 },
    );
    // More calls than the heap takes, none with a quote but the very last in order: both passes run to the end.
    const many = Array.from(
      { length: 200 },
      (_, i): ScoredCall => ({
        callId: `c${String(i).padStart(3, '0')}`,
        externalId: null,
        callType: 'basic',
        kind: 'live',
        occurredAt: new Date(start + (i % 7) * DAY),
        frustration: null,
        criteria: { empathy: 10 + (i % 5) },
        overall: 10,
        ...(i === 3 ? { moments: [{ criterionKey: 'empathy', turn: 2, role: 'customer' as const, quote: 'x' }] } : {}),
      }),
    );
    const quoted = quoteLowestMoments(many, 'empathy');
    expect(quoted).toEqual(oldQuoteLowestMoments(many, 'empathy'));
    expect(quoted.map((moment) => moment.callId)).toEqual(['c003']);
    // Past the calls one pass keeps (the 32 lowest), in both passes: the agent's quotes of the highest calls only.
    const late = many.map(
      (call, i): ScoredCall =>
        i >= 190
          ? { ...call, moments: [{ criterionKey: 'empathy', turn: 1, role: i % 2 === 0 ? 'agent' : 'customer', quote: `q${i}` }] }
          : call,
    );
    expect(quoteLowestMoments(late, 'empathy')).toEqual(oldQuoteLowestMoments(late, 'empathy'));
    expect(quoteLowestMoments(late, 'empathy')).toHaveLength(3);
    // Ties in score and time decided by id, in canonical order (as the app passes them): the 32nd lowest and
    // the two after it hold the only agent quotes (the others the customer's), so the calls kept, and the rest
    // after them, must be exact.
    const tied = Array.from(
      { length: 100 },
      (_, i): ScoredCall => ({
        callId: `t${String(i).padStart(3, '0')}`,
        externalId: null,
        callType: 'basic',
        kind: 'live',
        occurredAt: new Date(start),
        frustration: null,
        criteria: { empathy: 50 },
        overall: 50,
        moments: [
          { criterionKey: 'empathy', turn: 1, role: i >= 31 && i <= 33 ? ('agent' as const) : ('customer' as const), quote: `q${i}` },
        ],
        quoted: ['empathy'],
      }),
    );
    const fromTied = quoteLowestMoments(tied, 'empathy');
    expect(fromTied.map((moment) => moment.callId)).toEqual(['t031', 't032', 't033']);
    expect(fromTied).toEqual(oldQuoteLowestMoments(tied, 'empathy'));
  });

  it('when calls are put in canonical order or their intervals taken, then the results are the old ones', () => {
    fc.assert(
      fc.property(callsArb, fc.boolean(), (calls, presorted) => {
        const list = presorted ? oldSortCalls(calls) : calls;
        expect(sortCalls(list)).toEqual(oldSortCalls(list));
        expect(sortCalls(list)).not.toBe(list);
        expect(groupIntervals(list, CRITERIA)).toEqual(oldGroupIntervals(list, CRITERIA));
      }),
      { numRuns: 200 },
    );
  });

  it('when a report is built as figures and then advice, then it is the report built at once, for a trained agent and a new hire', () => {
    const small = thresholds({ batch: { minCalls: 3 }, baseline: { minCalls: 3, maxCalls: 10 }, rules: { minCallsPerGroup: 2 } });
    fc.assert(
      fc.property(callsArb, fc.boolean(), (calls, newHire) => {
        const program = newHire ? { ...PROGRAM, baseline: 'none' as const } : PROGRAM;
        const report = input({ calls, program, thresholds: small, now: NOW });
        const figures = buildAgentFigures(report);
        const first = adviseAgent(figures);
        expect(first).toEqual(buildAgentReadiness(report));
        // Advising again (as a settle round does) gives the same and leaves the figures as they were.
        expect(adviseAgent(figures)).toEqual(first);
        expect(JSON.stringify(Object.keys(first))).toBe(JSON.stringify(Object.keys(buildAgentReadiness(report))));
      }),
      { numRuns: 100 },
    );
  });
});
