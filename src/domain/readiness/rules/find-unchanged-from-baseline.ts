import { atMost } from '../averages.ts';
import { buildDedupeKey } from '../build-dedupe-key.ts';
import { messages } from '../messages.ts';
import type { RecommendationOf } from '../types.ts';
import { chooseBaseline, criterionName, type RuleContext } from './rule-context.ts';

/**
 * `unchanged_from_baseline`: for each criterion the program targeted, per call type, the latest
 * batch's mean is within ±`rules.unchangedBand` (inclusive) of the baseline mean.
 */
export const findUnchangedFromBaseline = (context: RuleContext): RecommendationOf<'unchanged_from_baseline'>[] => {
  const { agent, program, criteria, thresholds, allTypesBaseline } = context;
  const band = thresholds.rules.unchangedBand;
  const found: RecommendationOf<'unchanged_from_baseline'>[] = [];
  for (const entry of context.callTypes) {
    const latest = entry.batches.at(-1);
    if (!latest) continue;
    for (const key of program.targetedCriteria) {
      const value = latest.criteria[key];
      if (value === undefined) continue;
      const baseline = chooseBaseline(entry.baseline, allTypesBaseline, key);
      if (baseline === null) continue;
      const delta = value - baseline.value;
      if (!atMost(Math.abs(delta), band)) continue;
      const name = criterionName(criteria, key);
      found.push({
        rule: 'unchanged_from_baseline',
        scope: 'agent',
        agentId: agent.id,
        callType: entry.callType,
        criterion: key,
        message: messages.unchangedFromBaseline({
          agent: agent.displayName,
          criterion: name,
          callType: entry.callType,
          value,
          baseline,
          band,
        }),
        evidence: {
          baseline,
          latestBatch: { start: latest.start, end: latest.end, calls: latest.calls, value },
          delta,
          band,
        },
        dedupeKey: buildDedupeKey('unchanged_from_baseline', { agentId: agent.id, callType: entry.callType, criterion: key }, latest.start),
      });
    }
  }
  return found;
};
