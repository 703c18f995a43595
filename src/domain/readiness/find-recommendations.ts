import { findBelowThreshold } from './rules/find-below-threshold.ts';
import { findCallTypeVariance } from './rules/find-call-type-variance.ts';
import { findImprovedThenDropped } from './rules/find-improved-then-dropped.ts';
import { findReadinessReached } from './rules/find-readiness-reached.ts';
import { findRoleplayLiveGap } from './rules/find-roleplay-live-gap.ts';
import { findUnchangedFromBaseline } from './rules/find-unchanged-from-baseline.ts';
import type { RuleContext } from './rules/rule-context.ts';
import type { Recommendation } from './types.ts';

export type { RuleContext } from './rules/rule-context.ts';

/**
 * Every agent-level if/then rule, in a fixed order: readiness first, then the seed's coaching rules,
 * then a next step for each criterion below threshold that none of them explains.
 */
export const findRecommendations = (context: RuleContext): Recommendation[] => {
  const seed: Recommendation[] = [
    ...findReadinessReached(context),
    ...findUnchangedFromBaseline(context),
    ...findImprovedThenDropped(context),
    ...findCallTypeVariance(context),
    ...findRoleplayLiveGap(context),
  ];
  return [...seed, ...findBelowThreshold(context, seed)];
};
