import { appendTo } from '../../append-to.ts';
import { atLeast, overallMean } from '../averages.ts';
import { buildDedupeKey } from '../build-dedupe-key.ts';
import { messages } from '../messages.ts';
import type { GroupMean, RecommendationOf, ScoredCall } from '../types.ts';
import { latestPeriodStart, postTrainingLiveCalls, type RuleContext } from './rule-context.ts';

const groupMeans = (calls: readonly ScoredCall[], groupOf: (call: ScoredCall) => string | null, minCalls: number): GroupMean[] => {
  const groups = new Map<string, ScoredCall[]>();
  for (const call of calls) {
    const group = groupOf(call);
    if (group === null) continue;
    appendTo(groups, group, call);
  }
  return [...groups.entries()]
    .flatMap(([group, members]) => {
      const overall = overallMean(members);
      return members.length >= minCalls && overall !== null ? [{ group, calls: members.length, overall }] : [];
    })
    .sort((a, b) => b.overall - a.overall || (a.group < b.group ? -1 : 1));
};

/**
 * `call_type_variance` (one per agent): among the call types with at least `rules.minCallsPerGroup`
 * post-training live calls, the spread of overall means is at least `rules.callTypeSpread`. Weak call
 * types are those at least that spread below the best. Frustration levels with at least
 * `minCallsPerGroup` calls are compared too: a level at least `rules.droppedBy` below the best level
 * is where scores drop.
 */
export const findCallTypeVariance = (context: RuleContext): RecommendationOf<'call_type_variance'>[] => {
  const { agent, thresholds } = context;
  const { minCallsPerGroup, callTypeSpread, droppedBy } = thresholds.rules;
  const post = postTrainingLiveCalls(context);
  const callTypes = groupMeans(post, (call) => call.callType, minCallsPerGroup);
  const best = callTypes[0];
  const worst = callTypes.at(-1);
  if (!best || !worst || callTypes.length < 2) return [];
  const spread = best.overall - worst.overall;
  if (!atLeast(spread, callTypeSpread)) return [];
  const weakCallTypes = callTypes.filter((group) => atLeast(best.overall - group.overall, callTypeSpread));
  const frustrationLevels = groupMeans(post, (call) => call.frustration, minCallsPerGroup);
  const bestLevel = frustrationLevels[0];
  const weakFrustrationLevels = bestLevel
    ? frustrationLevels.filter((group) => group !== bestLevel && atLeast(bestLevel.overall - group.overall, droppedBy))
    : [];
  const stamp = latestPeriodStart(context, post) ?? context.program.completesAt;
  return [
    {
      rule: 'call_type_variance',
      scope: 'agent',
      agentId: agent.id,
      message: messages.callTypeVariance({
        agent: agent.displayName,
        spread,
        best,
        weakCallTypes,
        weakFrustrationLevels,
        bestLevel: bestLevel ?? null,
      }),
      evidence: { callTypes, spread, best, weakCallTypes, frustrationLevels, weakFrustrationLevels },
      dedupeKey: buildDedupeKey(
        'call_type_variance',
        {
          agentId: agent.id,
          subject: weakCallTypes
            .map((group) => group.group)
            .sort()
            .join('+'),
        },
        stamp,
      ),
    },
  ];
};
