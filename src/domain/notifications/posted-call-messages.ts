import type { CallKind } from '../types.ts';

// What a transcript posted in an ingestion channel gets in its thread once the queue is done with it
// (issue 19, item 3): a public reply that it was scored, with no figure (others read the channel); the
// scorecard itself, visible to the poster only; or, when scoring failed, the reason and what to do.
// Plain data: the Slack renderer words it.

export interface PostedCallLabel {
  id: string;
  externalId: string | null;
  callTypeName: string | null;
  kind: CallKind;
  occurredAt: Date;
}

/** The public thread reply: scored, no figure. */
export interface PostedCallScored {
  agentName: string;
  call: PostedCallLabel;
  /** Who posted the transcript: the one who sees the scorecard. */
  posterSlackId: string;
}

/** One criterion on the poster's scorecard. */
export interface PostedCallCriterion {
  name: string;
  applicable: boolean;
  level: number | null;
  score: number | null;
  lowConfidence: boolean;
  /** A reviewer's score that replaced the AI's (a dispute's change, a QA re-score). */
  human: { level: number | null; score: number | null; reviewer: string | null } | null;
}

/** The scorecard of one posted call, shown to the poster only (an ephemeral message in the thread). */
export interface PostedCallScorecard {
  agentName: string;
  call: PostedCallLabel;
  /** The call's one overall (ADR 0039: a reviewer's score in place of the AI's); null when nothing counts yet. */
  overall: number | null;
  /** What stands beside it (describeOverallSource): "with a reviewer's scores …", "none yet: held for human review", or null. */
  overallSource: string | null;
  criteria: readonly PostedCallCriterion[];
  /** Which scorer made the scores and how well it agrees with the team's reviewers (describeCallScorer). */
  scorerNote: string;
  /** Why a person must review the call before its scores count (ADR 0025); null when none. */
  reviewReason: string | null;
}

/** The public thread reply when the queue gave up on the call. */
export interface PostedCallFailed {
  agentName: string;
  call: PostedCallLabel;
  /** The queue's reason (redacted when stored), as the CLI's `calls` shows it. */
  reason: string;
}

/** The outbox keys of a posted call's thread messages: one each, ever. */
export const postedCallKeys = {
  scored: (callId: string): string => `thread-scored:${callId}`,
  scorecard: (callId: string, posterSlackId: string): string => `thread-scorecard:${callId}:${posterSlackId}`,
  failed: (callId: string): string => `thread-failed:${callId}`,
};
