import type { webApi } from '@slack/bolt';

import type { DigestSlack } from '../use-cases/send-weekly-digest.ts';

/**
 * The digest's Slack sender over a Web API client (the Bolt app's, or one made for the CLI): a channel
 * post with chat.postMessage, and a DM as chat.postMessage to the user's id (the bot's DM with them).
 * A Slack error (`ok: false`) is thrown by the client and recorded on the digest run by the use case.
 */
export const createDigestSlack = (client: webApi.WebClient): DigestSlack => ({
  async postMessage(channel, message) {
    await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false });
  },
  async postDirectMessage(userId, message) {
    await client.chat.postMessage({ channel: userId, text: message.text, blocks: message.blocks, unfurl_links: false });
  },
});
