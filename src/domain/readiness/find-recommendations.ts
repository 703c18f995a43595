import { findCallTypeVariance } from './rules/find-call-type-variance.ts';
import { findImprovedThenDropped } from './rules/find-improved-then-dropped.ts';
import { findReadinessReached } from './rules/find-readiness-reached.ts';
import { findRoleplayLiveGap } from './rules/find-roleplay-live-gap.ts';
import { findUnchangedFromBaseline } from './rules/find-unchanged-from-baseline.ts';
import type { RuleContext } from './rules/rule-context.ts';
import type { Recommendation } from './types.ts';

export type { RuleContext } from './rules/rule-context.ts';

/** Every agent-level if/then rule, in a fixed order: readiness first, then the coaching rules. */
export const findRecommendations = (context: RuleContext): Recommendation[] => [
  ...findReadinessReached(context),
  ...findUnchangedFromBaseline(context),
  ...findImprovedThenDropped(context),
  ...findCallTypeVariance(context),
  ...findRoleplayLiveGap(context),
];
