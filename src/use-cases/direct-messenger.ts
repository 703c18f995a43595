import type { SlackDelivery } from '../db/outbox-repository.ts';
import type { SlackMessage } from '../slack/blocks/limits.ts';

/** What the notification use case sends through: a DM from the bot. The composition root adapts Slack to it. */
export interface DirectMessenger {
  /**
   * Posts the message to the user's DM with the bot and resolves with where Slack put it (undefined when
   * a sender cannot say); rejects with the Slack error code as the message.
   */
  postDirectMessage(userId: string, message: SlackMessage): Promise<SlackDelivery | undefined>;
}
