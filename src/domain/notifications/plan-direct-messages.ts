import type { ScorerTrust } from '../readiness/index.ts';
import type { Criterion } from '../types.ts';
import type { DirectMessage, ScoreSummaryNotification } from './direct-message.ts';
import type { ManagerBundle, ManagerRecommendation } from './plan-manager-notifications.ts';

// The notification run's messages, planned (pure): each manager bundle and each score summary becomes a
// DM with its outbox keys ("parts") and a builder of the message for any subset of them, since of a
// bundle only the keys no other run holds go out. The use case loads what this needs; the sender
// claims, renders, posts and records.

export type NotificationKind =
  | 'readiness'
  | 'coaching'
  | 'score_summary'
  | 'dispute_opened'
  | 'dispute_outcome'
  | 'early_warning'
  | 'thread_scored'
  | 'thread_scorecard'
  | 'thread_failed';

/** One outbox key of a message, with what the outbox row records about it. */
export interface MessagePart {
  kind: string;
  key: string;
  payload: Record<string, unknown>;
}

/**
 * Where a message goes when it is not a DM to `recipient`: the thread of a posted transcript, for everyone
 * in the channel (`recipient` is then the channel) or for `recipient` only (an ephemeral message).
 */
export interface ThreadPlace {
  channel: string;
  threadTs: string;
  /** Visible to `recipient` only. */
  ephemeral: boolean;
}

/** One message the run wants to send: a DM to `recipient`, or into a thread (`thread`). */
export interface PlannedDirectMessage {
  recipient: string;
  thread?: ThreadPlace;
  recipientName: string;
  /** The agent the message is about. */
  agentKey: string;
  parts: MessagePart[];
  /** The message carrying these parts (all of them, or those this run claimed). */
  build: (parts: readonly MessagePart[]) => DirectMessage;
}

/** `readiness` when the message holds a readiness (with an Approve button), else its only kind. */
export const messageKind = (parts: readonly MessagePart[]): NotificationKind =>
  parts.some((part) => part.kind === 'readiness') ? 'readiness' : ((parts[0]?.kind ?? 'coaching') as NotificationKind);

export interface PlanAgent {
  id: string;
  key: string;
  displayName: string;
  slackUserId: string | null;
}

/** A manager's bundle about one agent: everything due, readiness first, one part per recommendation. */
export const planManagerMessage = (input: {
  bundle: ManagerBundle;
  /** The recommendations to show (the bundle's, with quoted moments where the agent's own report has them), in the bundle's order. */
  recommendations: readonly ManagerRecommendation[];
  agent: PlanAgent;
  criteria: readonly Criterion[];
  callTypeNames: Readonly<Record<string, string>>;
  trust: ScorerTrust | null;
}): PlannedDirectMessage => {
  const { bundle, agent } = input;
  const byKey = new Map(input.recommendations.map((rec, index) => [bundle.keys[index] as string, rec]));
  return {
    recipient: bundle.recipient,
    recipientName: bundle.recipientName,
    agentKey: agent.key,
    parts: input.recommendations.map((rec, index) => ({
      kind: rec.rule === 'readiness_reached' ? 'readiness' : 'coaching',
      key: bundle.keys[index] as string,
      payload: { agent: agent.key, rule: rec.rule, callType: rec.callType ?? null, criterion: rec.criterion ?? null, text: rec.message },
    })),
    build: (parts) => ({
      kind: 'manager',
      notification: {
        recommendations: parts.flatMap((part) => byKey.get(part.key) ?? []),
        agent: { key: agent.key, displayName: agent.displayName, slackUserId: agent.slackUserId },
        criteria: input.criteria,
        callTypeNames: input.callTypeNames,
        trust: input.trust,
      },
    }),
  };
};

/** An agent's summary of one scored call; null when the agent has no Slack id (counted as skipped by the caller). */
export const planScoreSummaryMessage = (input: {
  key: string;
  agent: PlanAgent;
  summary: ScoreSummaryNotification;
}): PlannedDirectMessage | null => {
  const { agent, summary } = input;
  if (!agent.slackUserId) return null;
  return {
    recipient: agent.slackUserId,
    recipientName: agent.displayName,
    agentKey: agent.key,
    parts: [{ kind: 'score_summary', key: input.key, payload: { agent: agent.key, call: summary.call.externalId ?? summary.call.id } }],
    build: () => ({ kind: 'score_summary', summary }),
  };
};
