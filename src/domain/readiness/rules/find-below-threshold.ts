import { atLeast } from '../averages.ts';
import { buildDedupeKey } from '../build-dedupe-key.ts';
import { messages } from '../messages.ts';
import type { CallTypeReadiness, CriterionCheck, Recommendation, RecommendationOf } from '../types.ts';
import { chooseBaseline, criterionName, type RuleContext } from './rule-context.ts';
import { quoteLowestMoments } from './find-roleplay-live-gap.ts';

/** Another recommendation already says what to do about this criterion on this call type. */
const explained = (others: readonly Recommendation[], callType: string, criterion: string): boolean =>
  others.some((other) => other.criterion === criterion && (other.callType === undefined || other.callType === callType));

/** The criterion behind an overall-only shortfall: the lowest in the latest decisive batch. */
const weakest = (entry: CallTypeReadiness): CriterionCheck | null => {
  const latestValue = (check: CriterionCheck) => check.batches.at(-1)?.value ?? null;
  return (
    entry.criteriaMet
      .filter((check) => latestValue(check) !== null)
      .sort((a, b) => (latestValue(a) as number) - (latestValue(b) as number))[0] ?? null
  );
};

/**
 * `below_threshold`: the next step of an agent who is not ready when no seed rule explains it. Per call
 * type whose status is `not_ready`, each criterion below its threshold in the decisive batches that no
 * other recommendation (targeted or not) is about gets its own: the batches' values, the baseline, whether
 * it is a regression (the latest batch below the agent's own baseline), and the lowest-scoring moments
 * on it in those batches. When only the overall missed, the weakest criterion is the one named.
 */
export const findBelowThreshold = (context: RuleContext, others: readonly Recommendation[]): RecommendationOf<'below_threshold'>[] => {
  const { agent, criteria, allTypesBaseline } = context;
  const byId = new Map(context.calls.map((call) => [call.callId, call]));
  const found: RecommendationOf<'below_threshold'>[] = [];
  for (const entry of context.callTypes) {
    if (entry.status !== 'not_ready') continue;
    const latest = entry.decisiveBatches.at(-1);
    if (!latest) continue;
    // criteriaMet holds the criteria that apply to this call type only (decideStatus).
    let missed = entry.criteriaMet.filter((check) => !check.met && check.gap !== null);
    let overall: { threshold: number; value: number | null } | null = null;
    if (missed.length === 0 && !entry.overallMet.met) {
      const behind = weakest(entry);
      if (behind === null) continue;
      missed = [behind];
      overall = { threshold: entry.overallMet.threshold, value: entry.overallMet.batches.at(-1)?.value ?? null };
    }
    const decisiveCalls = entry.decisiveBatches.flatMap((batch) => batch.callIds.flatMap((id) => byId.get(id) ?? []));
    for (const check of missed) {
      const key = check.criterion;
      if (explained(others, entry.callType, key)) continue;
      const value = check.batches.at(-1)?.value;
      if (value === null || value === undefined) continue;
      const baseline = chooseBaseline(entry.baseline, allTypesBaseline, key);
      const deltaVsBaseline = baseline === null ? null : value - baseline.value;
      const regression = baseline !== null && !atLeast(value, baseline.value);
      const moments = quoteLowestMoments(decisiveCalls, key);
      const name = criterionName(criteria, key);
      found.push({
        rule: 'below_threshold',
        scope: 'agent',
        agentId: agent.id,
        callType: entry.callType,
        criterion: key,
        message: messages.belowThreshold({
          agent: agent.displayName,
          criterion: name,
          callType: entry.callType,
          value,
          threshold: check.threshold,
          gap: check.gap ?? 0,
          baseline,
          regression,
          overall,
          quoted: moments.length,
        }),
        evidence: {
          threshold: check.threshold,
          batches: entry.decisiveBatches.map((batch, index) => ({
            start: batch.start,
            end: batch.end,
            calls: batch.calls,
            value: check.batches[index]?.value ?? null,
          })),
          gap: check.gap ?? 0,
          baseline,
          deltaVsBaseline,
          regression,
          overall,
          moments,
        },
        dedupeKey: buildDedupeKey('below_threshold', { agentId: agent.id, callType: entry.callType, criterion: key }, latest.start),
      });
    }
  }
  return found;
};
