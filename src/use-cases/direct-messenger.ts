import type { SlackDelivery } from '../db/outbox-repository.ts';
import type { DirectMessage } from '../domain/notifications/index.ts';

/**
 * Renders a planned DM (domain data) for the channel it goes to: the Slack sender's builders in the app,
 * the same builders for the CLI's dry run. Pure; throws when a message cannot be built, before anything
 * is claimed.
 */
export type RenderDirectMessage<M> = (message: DirectMessage) => M;

/** What the notification use case sends through: a DM from the bot. The composition root adapts Slack to it. */
export interface DirectMessenger<M> {
  /**
   * Posts the rendered message to the user's DM with the bot and resolves with where Slack put it
   * (undefined when a sender cannot say); rejects with the Slack error code as the message.
   */
  postDirectMessage(userId: string, message: M): Promise<SlackDelivery | undefined>;
}
