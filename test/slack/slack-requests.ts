/**
 * Signed Slack requests, as Slack sends them to `/slack/events`:
 * `x-slack-signature: v0=HMAC-SHA256(signingSecret, "v0:<timestamp>:<raw body>")`.
 */
import { createHmac } from 'node:crypto';

export const signature = (secret: string, timestamp: number | string, body: string): string =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

export interface SendOptions {
  secret: string;
  /** Seconds since the epoch (or any header text, signed as it is: "Infinity"); default now. */
  timestamp?: number | string;
  /** Overrides the computed signature (a forged or corrupted one). */
  signature?: string;
}

/** POSTs a form-encoded body, signed, and returns the HTTP status and body text. */
export const postSigned = async (
  url: string,
  form: Record<string, string>,
  options: SendOptions,
): Promise<{ status: number; body: string }> => {
  const body = new URLSearchParams(form).toString();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? signature(options.secret, timestamp, body),
    },
    body,
  });
  return { status: response.status, body: await response.text() };
};

/** The form body of a slash command. */
export const slashCommand = (input: {
  userId: string;
  userName: string;
  text: string;
  responseUrl: string;
  command?: string;
}): Record<string, string> => ({
  token: 'legacy-verification-token',
  team_id: 'T0FAKETEAM',
  team_domain: 'fake',
  channel_id: 'D0DIRECT01',
  channel_name: 'directmessage',
  user_id: input.userId,
  user_name: input.userName,
  command: input.command ?? '/readiness',
  text: input.text,
  api_app_id: 'A0FLOORREADY',
  is_enterprise_install: 'false',
  response_url: input.responseUrl,
  trigger_id: '1111.2222.3333',
});

/** The form body of a button click in an ephemeral message (`payload=<JSON>`). */
export const buttonClick = (input: {
  userId: string;
  userName: string;
  actionId: string;
  blockId: string;
  value: string;
  responseUrl: string;
  /** False for a click in a real (not ephemeral) message, e.g. a notification DM. Default true. */
  ephemeral?: boolean;
  /** A click inside an open modal (its view id), as Slack sends it: a view container and the view, no message. */
  viewId?: string;
}): Record<string, string> => ({
  payload: JSON.stringify({
    type: 'block_actions',
    user: { id: input.userId, username: input.userName, name: input.userName, team_id: 'T0FAKETEAM' },
    api_app_id: 'A0FLOORREADY',
    token: 'legacy-verification-token',
    container: input.viewId
      ? { type: 'view', view_id: input.viewId }
      : { type: 'message', message_ts: '1700000000.000100', channel_id: 'D0DIRECT01', is_ephemeral: input.ephemeral ?? true },
    ...(input.viewId
      ? { view: { id: input.viewId, type: 'modal', callback_id: 'why_score_view', blocks: [], state: { values: {} } } }
      : {}),
    trigger_id: '4444.5555.6666',
    team: { id: 'T0FAKETEAM', domain: 'fake' },
    is_enterprise_install: false,
    // A click in a modal has no channel and no response URL: the only answer is updating the view.
    ...(input.viewId ? {} : { channel: { id: 'D0DIRECT01', name: 'directmessage' }, response_url: input.responseUrl }),
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: input.blockId,
        text: { type: 'plain_text', text: 'Approve', emoji: true },
        value: input.value,
        style: 'primary',
        action_ts: '1700000001.000200',
      },
    ],
  }),
});

/** A Slack file object as a `file_share` message carries it. */
export interface MessageEventFile {
  id: string;
  name: string;
  size: number;
  url_private: string;
}

/** The JSON body of a signed `event_callback` carrying a `message` event, as Slack posts it to `/slack/events`. */
export const messageEventBody = (input: {
  eventId: string;
  ts: string;
  channel: string;
  user: string;
  text: string;
  team: string;
  botUserId: string;
  eventTime: number;
  file?: MessageEventFile | null;
  extra?: Record<string, unknown>;
}): string =>
  JSON.stringify({
    token: 'legacy-verification-token',
    team_id: input.team,
    api_app_id: 'A0FLOORREADY',
    type: 'event_callback',
    event_id: input.eventId,
    event_time: input.eventTime,
    authorizations: [{ team_id: input.team, user_id: input.botUserId, is_bot: true }],
    event: {
      type: 'message',
      channel: input.channel,
      channel_type: 'channel',
      user: input.user,
      text: input.text,
      ts: input.ts,
      event_ts: input.ts,
      team: input.team,
      ...(input.file ? { subtype: 'file_share', files: [{ mimetype: 'text/plain', filetype: 'text', ...input.file }], upload: false } : {}),
      ...input.extra,
    },
  });

/** The form body of a modal's submission (`view_submission`), as Slack posts it; `viewId` is what a retry repeats. */
export const viewSubmission = (input: {
  userId: string;
  callbackId: string;
  viewId: string;
  privateMetadata: string;
  /** block_id → the element's state: `{ value }` for a text input, `{ selected_option: { value } }` for a select. */
  values: Record<string, { value?: string | null; selected_option?: { value: string } | null }>;
}): Record<string, string> => ({
  payload: JSON.stringify({
    type: 'view_submission',
    team: { id: 'T0FAKETEAM', domain: 'fake' },
    user: { id: input.userId, username: input.userId, name: input.userId, team_id: 'T0FAKETEAM' },
    api_app_id: 'A0FLOORREADY',
    token: 'legacy-verification-token',
    trigger_id: '7777.8888.9999',
    view: {
      id: input.viewId,
      team_id: 'T0FAKETEAM',
      type: 'modal',
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata,
      hash: '1700000000.abc',
      blocks: [],
      state: {
        values: Object.fromEntries(
          Object.entries(input.values).map(([block, state]) => [
            block,
            { [block]: { type: state.selected_option === undefined ? 'plain_text_input' : 'static_select', ...state } },
          ]),
        ),
      },
    },
    response_urls: [],
    is_enterprise_install: false,
  }),
});
