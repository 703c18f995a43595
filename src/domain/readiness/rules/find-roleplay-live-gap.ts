import { atLeast, mean } from '../averages.ts';
import { buildDedupeKey } from '../build-dedupe-key.ts';
import { messages } from '../messages.ts';
import type { QuotedMoment, RecommendationOf, ScoredCall } from '../types.ts';
import { latestPeriodStart, postTrainingLiveCalls, type RuleContext } from './rule-context.ts';

const MAX_MOMENTS = 3;

/**
 * Up to three quoted moments on a criterion from the lowest-scoring live calls: first one agent turn
 * per call, lowest call first; then any other moment of those calls, in the same order.
 */
export const quoteLowestMoments = (calls: readonly ScoredCall[], key: string): QuotedMoment[] => {
  // Sorted on keys read once per call (not once per comparison): this runs over every post-training call.
  const lowest = calls
    .flatMap((call) => {
      const score = call.criteria[key];
      return score === undefined ? [] : [{ score, at: call.occurredAt.getTime(), id: call.callId, call }];
    })
    .sort((a, b) => a.score - b.score || a.at - b.at || (a.id < b.id ? -1 : 1))
    .map((entry) => entry.call);
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
