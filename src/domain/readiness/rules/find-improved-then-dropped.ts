import { atLeast, DAY_MS } from '../averages.ts';
import { applicableCriteria } from '../applicable-criteria.ts';
import { buildDedupeKey } from '../build-dedupe-key.ts';
import { messages } from '../messages.ts';
import type { Batch, RecommendationOf } from '../types.ts';
import { chooseBaseline, type RuleContext } from './rule-context.ts';

/**
 * `improved_then_dropped`: per call type and TARGETED criterion (PRODUCT.md's row reads "it improved…",
 * "it" being row 1's targeted criterion: the trained behaviour that needs reinforcing), some batch B_i scored at least
 * `rules.improvedBy` above the baseline, and the LATEST batch, starting at least `rules.dropAfterDays`
 * after B_i's start, is at least `rules.droppedBy` below B_i. Only the latest batch can be the drop, so a
 * recovered agent no longer triggers it; when several B_i qualify, the highest one is the evidence.
 */
export const findImprovedThenDropped = (context: RuleContext): RecommendationOf<'improved_then_dropped'>[] => {
  const { agent, program, criteria, thresholds, allTypesBaseline } = context;
  const targeted = new Set(program.targetedCriteria);
  const { improvedBy, droppedBy, dropAfterDays } = thresholds.rules;
  const found: RecommendationOf<'improved_then_dropped'>[] = [];
  for (const entry of context.callTypes) {
    const dropped = entry.batches.at(-1);
    if (!dropped || entry.batches.length < 2) continue;
    for (const criterion of applicableCriteria(criteria, entry.callType).filter((candidate) => targeted.has(candidate.key))) {
      const key = criterion.key;
      const droppedValue = dropped.criteria[key];
      if (droppedValue === undefined) continue;
      const baseline = chooseBaseline(entry.baseline, allTypesBaseline, key);
      if (baseline === null) continue;
      let improved: { batch: Batch; value: number } | null = null;
      for (const batch of entry.batches.slice(0, -1)) {
        const value = batch.criteria[key];
        if (value === undefined) continue;
        const days = (dropped.start.getTime() - batch.start.getTime()) / DAY_MS;
        if (!atLeast(value - baseline.value, improvedBy) || !atLeast(days, dropAfterDays) || !atLeast(value - droppedValue, droppedBy))
          continue;
        if (improved === null || value > improved.value) improved = { batch, value };
      }
      if (improved === null) continue;
      const daysBetween = (dropped.start.getTime() - improved.batch.start.getTime()) / DAY_MS;
      found.push({
        rule: 'improved_then_dropped',
        scope: 'agent',
        agentId: agent.id,
        callType: entry.callType,
        criterion: key,
        message: messages.improvedThenDropped({
          agent: agent.displayName,
          criterion: criterion.name,
          callType: entry.callType,
          baseline,
          improvedValue: improved.value,
          improvedStart: improved.batch.start,
          droppedValue,
          droppedStart: dropped.start,
        }),
        evidence: {
          baseline,
          improvedBatch: { start: improved.batch.start, end: improved.batch.end, calls: improved.batch.calls, value: improved.value },
          droppedBatch: { start: dropped.start, end: dropped.end, calls: dropped.calls, value: droppedValue },
          improvement: improved.value - baseline.value,
          drop: improved.value - droppedValue,
          daysBetween,
        },
        dedupeKey: buildDedupeKey('improved_then_dropped', { agentId: agent.id, callType: entry.callType, criterion: key }, dropped.start),
      });
    }
  }
  return found;
};
