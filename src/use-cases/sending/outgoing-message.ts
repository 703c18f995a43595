import type { DigestCopy } from '../../domain/digest/index.ts';
import type { DirectMessage } from '../../domain/notifications/index.ts';
import type { PostedTranscriptOutcome } from '../posted-transcript-outcome.ts';

// What the use cases send, as data: the one sender (./sender.ts) renders it for Slack and delivers it
// through the outbox. A new kind of message is a new member here and a new case in the renderer
// (src/slack/render-outgoing-message.ts), which the compiler then asks for.

/** Every message the app sends. */
export type OutgoingMessage =
  | DirectMessage
  | { kind: 'digest'; copy: DigestCopy }
  /** The thread reply to a transcript posted in an ingestion channel: queued, or what is wrong. */
  | { kind: 'ingest_reply'; outcome: PostedTranscriptOutcome };

/** Where a message goes. */
export type Destination =
  /** A DM from the bot to this Slack user. */
  | { kind: 'dm'; userId: string }
  /** A channel, or a thread in it. */
  | { kind: 'channel'; channel: string; threadTs?: string }
  /** Visible to one user only, in a channel (or its thread). */
  | { kind: 'ephemeral'; channel: string; userId: string; threadTs?: string };

/** The outbox's recipient column for a destination: the user of a DM or ephemeral, else the channel. */
export const recipientOf = (to: Destination): string => (to.kind === 'channel' ? to.channel : to.userId);
