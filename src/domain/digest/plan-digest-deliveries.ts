import type { WeeklyDigest } from './types.ts';

/** One message of a digest run: the channel copy to the team's channel, or a manager's copy by DM. */
export type DigestDelivery<M> = { kind: 'channel'; channel: string; message: M } | { kind: 'direct'; userId: string; message: M };

/**
 * Who gets which copy of a team's digest: the channel copy when the team has a digest channel, and the
 * managers' copy to each manager with a Slack id. Pure: the use case delivers the plan in order.
 */
export const planDigestDeliveries = <M>(team: WeeklyDigest['team'], messages: { channel: M; manager: M }): DigestDelivery<M>[] => [
  ...(team.digestChannel ? [{ kind: 'channel' as const, channel: team.digestChannel, message: messages.channel }] : []),
  ...team.managers.flatMap((manager) =>
    manager.slackUserId ? [{ kind: 'direct' as const, userId: manager.slackUserId, message: messages.manager }] : [],
  ),
];
