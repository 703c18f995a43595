import type { SlackEventMiddlewareArgs } from '@slack/bolt';

import type { PostedTranscript } from '../use-cases/ingest-posted-transcript.ts';
import type { SlackFileRef } from './download-slack-file.ts';

/** A posted message and its Slack file objects (what a download needs). */
export type PostedSlackMessage = PostedTranscript & { files: SlackFileRef[] };

/** A new top-level message by a person in an ingestion channel, or null for anything to ignore. */
export const readPostedMessage = (
  event: SlackEventMiddlewareArgs<'message'>['event'],
  channels: readonly string[],
): PostedSlackMessage | null => {
  if (!channels.includes(event.channel)) return null;
  // Edits, deletions, joins, bot posts… carry a subtype; a file posted with a comment is `file_share`.
  if (event.subtype !== undefined && event.subtype !== 'file_share') return null;
  if (('bot_id' in event && event.bot_id) || !event.user) return null;
  if (event.thread_ts && event.thread_ts !== event.ts) return null;
  return { channel: event.channel, ts: event.ts, user: event.user, text: event.text ?? '', files: (event.files ?? []) as SlackFileRef[] };
};
