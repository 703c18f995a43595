import type { EarlyWarning, ScorerTrust } from '../readiness/index.ts';
import type { CallKind, Criterion } from '../types.ts';
import type { DisputeOpenedNotification, DisputeOutcomeNotification } from '../disputes/index.ts';
import type { PickedSummary } from './pick-score-summary.ts';
import type { PostedCallFailed, PostedCallScorecard, PostedCallScored } from './posted-call-messages.ts';
import type { ManagerRecommendation } from './plan-manager-notifications.ts';

// The bot's direct messages as the notification use case plans them: plain data, rendered for Slack by
// the sender's builders (`src/slack/blocks/`), printed by the CLI's dry run.

/**
 * Recommendations in one message at most: each readiness takes two blocks and each coaching one, so
 * even all-readiness (43 blocks with the header, the divider and the notes) stays under Slack's 50. The use case
 * leaves any more for its next run rather than have Slack's limit cut them off unseen.
 */
export const MAX_RECOMMENDATIONS_PER_MESSAGE = 20;

/** A manager's DM about one agent: everything due about them, readiness first. */
export interface ManagerNotification {
  /** Everything due about one agent for one manager (at least one); readiness is shown first whatever the order. */
  recommendations: readonly ManagerRecommendation[];
  agent: { key: string; displayName: string; slackUserId: string | null };
  /** The rubric's criteria, for names. */
  criteria: readonly Criterion[];
  /** Display names of call types by key; a key without one is shown as is. */
  callTypeNames?: Readonly<Record<string, string>>;
  /** Which scorer made the scores behind these recommendations, and how far to trust it. */
  trust?: ScorerTrust | null;
}

/** An agent's private summary of one scored call. */
export interface ScoreSummaryNotification {
  agentName: string;
  call: {
    id: string;
    externalId: string | null;
    callTypeName: string | null;
    kind: CallKind;
    occurredAt: Date;
  };
  summary: PickedSummary;
  /** The agent's team managers: whom to reply to about a score. */
  managers: readonly { slackUserId: string | null; name: string | null }[];
  /** The scorer's name ('embedded' is labelled as the offline scorer). */
  scorer: string;
  /** Which scorer made the scores and how well it agrees with the team's reviewers (describeCallScorer). */
  scorerNote?: string | null;
}

/** A coaching DM to a manager about one very low live call of an agent who is still new (ADR 0032). */
export interface EarlyWarningNotification {
  agent: { key: string; displayName: string; slackUserId: string | null };
  warning: EarlyWarning;
  /** The call type's display name (its key when it has none). */
  callTypeName: string;
  /** The agent is a new hire (baseline: none). */
  newHire: boolean;
  /** How many batches the agent has so far, and how many readiness needs. */
  batches: { have: number; required: number };
}

/** One direct message the use case sends. */
export type DirectMessage =
  | { kind: 'manager'; notification: ManagerNotification }
  | { kind: 'score_summary'; summary: ScoreSummaryNotification }
  | { kind: 'dispute_opened'; dispute: DisputeOpenedNotification }
  | { kind: 'dispute_outcome'; outcome: DisputeOutcomeNotification }
  | { kind: 'early_warning'; warning: EarlyWarningNotification }
  /** In the thread of a transcript posted in an ingestion channel (issue 19): scored (public, no figure), the scorecard (the poster only), failed (public). */
  | { kind: 'thread_scored'; scored: PostedCallScored }
  | { kind: 'thread_scorecard'; scorecard: PostedCallScorecard }
  | { kind: 'thread_failed'; failed: PostedCallFailed };
