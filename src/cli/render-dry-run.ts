import { buildDigestMessages, messageAsText } from '../slack/blocks/build-digest-blocks.ts';
import type { SlackMessage } from '../slack/blocks/limits.ts';
import type { NotificationKind, PlannedNotification } from '../use-cases/send-notifications.ts';
import { digestRunKey, type WeeklyDigest } from '../domain/digest/index.ts';

// How a dry run shows the messages it would send, for `floorready notify --dry-run`, `floorready digest
// --dry-run` and `floorready demo`: who gets each, what kind, and its plain text as the builders wrote it
// (a DM's fallback text with its buttons as [Label]; the digest's blocks as text).

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  readiness: 'readiness (Approve button)',
  coaching: 'coaching',
  score_summary: 'score summary',
  dispute_opened: 'dispute to a manager (Change the score / Keep the score)',
  dispute_outcome: 'dispute outcome to the agent',
  early_warning: 'early warning (coaching)',
  thread_scored: "scored, in the posted call's thread (no figures)",
  thread_scorecard: "scorecard in the posted call's thread, for the poster only (Why this score?)",
  thread_failed: "scoring failed, in the posted call's thread",
};

export const notificationKindLabel = (kind: NotificationKind): string => NOTIFICATION_KIND_LABELS[kind] ?? kind;

/** The labels of a message's buttons (e.g. "Approve for Basic inbound"), in block order. */
export const messageButtons = (message: SlackMessage): string[] =>
  message.blocks.flatMap((block) =>
    block.type === 'actions' ? block.elements.flatMap((element) => (element.type === 'button' ? [element.text.text] : [])) : [],
  );

export interface PlannedNotificationView {
  /** Shown after "about": the agent's name, say; default the agent key. */
  about?: string;
  /** Prefix of every line. */
  indent?: string;
}

/** `→ recipient (id) · kind · about agent`, then the fallback text and the buttons, indented. */
export const renderPlannedNotification = (planned: PlannedNotification<SlackMessage>, view: PlannedNotificationView = {}): string[] => {
  const indent = view.indent ?? '';
  const body = `${indent}  `;
  const buttons = messageButtons(planned.message);
  return [
    `${indent}→ ${planned.recipientName} (${planned.recipient}) · ${notificationKindLabel(planned.kind)} · about ${view.about ?? planned.agentKey}`,
    ...planned.message.text.split('\n').map((line) => `${body}${line}`),
    ...(buttons.length > 0 ? [`${body}${buttons.map((label) => `[${label}]`).join(' ')}`] : []),
  ];
};

/** Who a team's weekly digest would go to, and the plain text of each copy. */
export interface DigestDryRun {
  /** The outbox key, `<team>:<ISO week>`. */
  key: string;
  /** The digest channel, or null when the team has none (managers' copies only). */
  channel: string | null;
  channelText: string;
  /** The managers with a Slack id: each gets the managers' copy by DM. */
  managers: { name: string | null; slackUserId: string }[];
  managerText: string;
}

export const planDigestDryRun = (digest: WeeklyDigest): DigestDryRun => {
  const messages = buildDigestMessages(digest);
  return {
    key: digestRunKey(digest.team.key, digest.period),
    channel: digest.team.digestChannel,
    channelText: messageAsText(messages.channel),
    managers: digest.team.managers.flatMap((manager) =>
      manager.slackUserId ? [{ name: manager.name, slackUserId: manager.slackUserId }] : [],
    ),
    managerText: messageAsText(messages.manager),
  };
};

/** What `floorready digest --dry-run` prints for one team: both copies in full, with their recipients. */
export const renderDigestDryRun = (plan: DigestDryRun): string[] => [
  `── ${plan.key} (dry run: nothing sent, nothing claimed)`,
  plan.channel ? `── to channel ${plan.channel}:` : "── no digestChannel configured: managers' copies only",
  ...(plan.channel ? [plan.channelText] : []),
  plan.managers.length > 0
    ? `── DM to ${plan.managers.map((manager) => `${manager.name ?? ''} (${manager.slackUserId})`.trim()).join(', ')}:`
    : '── no manager with a Slack id: no DM copy would be sent',
  plan.managerText,
];
