import { buildDedupeKey } from '../build-dedupe-key.ts';
import { messages } from '../messages.ts';
import type { RecommendationOf } from '../types.ts';
import type { RuleContext } from './rule-context.ts';

/**
 * `readiness_reached`: a call type whose status is `ready` (not yet approved). The evidence is the
 * snapshot an approval records: thresholds and the decisive batches.
 */
export const findReadinessReached = (context: RuleContext): RecommendationOf<'readiness_reached'>[] =>
  context.callTypes
    .filter((entry) => entry.status === 'ready')
    .flatMap((entry) => {
      const latest = entry.decisiveBatches.at(-1);
      if (!latest) return [];
      return [
        {
          rule: 'readiness_reached' as const,
          scope: 'agent' as const,
          agentId: context.agent.id,
          callType: entry.callType,
          message: messages.readinessReached({
            agent: context.agent.displayName,
            callType: entry.callType,
            batches: entry.decisiveBatches,
          }),
          evidence: {
            threshold: {
              overall: entry.overallMet.threshold,
              criteria: Object.fromEntries(entry.criteriaMet.map((check) => [check.criterion, check.threshold])),
            },
            batches: entry.decisiveBatches.map((batch) => ({
              start: batch.start,
              end: batch.end,
              calls: batch.calls,
              overall: batch.overall,
              criteria: batch.criteria,
              callIds: batch.callIds,
            })),
          },
          dedupeKey: buildDedupeKey('readiness_reached', { agentId: context.agent.id, callType: entry.callType }, latest.start),
        },
      ];
    });
