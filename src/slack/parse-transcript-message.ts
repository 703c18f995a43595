import { looksLikeMention, readMention, replaceMentions } from '../domain/access/index.ts';
import { readInstant } from '../domain/dates/instant.ts';
import type { CallKind, CallTypeDef } from '../domain/types.ts';
import type { PostedTranscriptRequest } from '../use-cases/ingest-posted-transcript.ts';
import { matchCallType } from './parse-readiness-text.ts';
import { SlackAnswerError } from './slack-answer-error.ts';
import { transcriptPostedMessages as postedMessages } from './slack-messages.ts';

/**
 * What a message in an ingestion channel asks for. Its first line (or the text outside a code block)
 * carries the metadata, in any order, labelled or not (`Agent: @maria`, `Type: escalation`,
 * `call type - billing dispute`): the agent (`<@U…>` mention, a typed `@name`, email, or external id), a
 * call type by key or name, optional `roleplay`, optional ISO date, optional `id: <external id>`. The transcript
 * is an attached file, or the text after that line, or the code block.
 */
export type TranscriptMessageRequest = PostedTranscriptRequest;

const MAILTO = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** A token that is meant as a date (read, and refused when impossible, by the one date parser). */
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-][\d:]+)?)?$/i;
const ROLEPLAY = /^role[-_]?play$/i;
const ID_PREFIX = /^id:(.*)$/i;
const CODE_BLOCK = /```([\s\S]*?)```/g;
/**
 * Field labels people put before the values (`Agent: @maria`, `Type: escalation`, `call type - billing
 * dispute`, `Date: 2026-09-30`, `External id: CALL-9`): a label and its `:`, `-`, `–` or `=` are dropped,
 * and an id label becomes `id:` so the value after it is read as the external id.
 */
const FIELD_LABEL =
  /(^|[\s,;])(agent|rep|advisor|call[\s_-]*type|type|kind|date|when|external[\s_-]*id|call[\s_-]*id|id)\s*(?::|=|\s[-–—](?=\s))\s*/giu;
const ID_LABELS = /^(?:external[\s_-]*id|call[\s_-]*id|id)$/i;

/** The metadata with field labels read (see FIELD_LABEL). */
const withoutFieldLabels = (meta: string): string =>
  meta.replace(FIELD_LABEL, (_match, before: string, label: string) => `${before}${ID_LABELS.test(label) ? 'id: ' : ' '}`);

/** Message text as typed: Slack's links (`<mailto:a@b|a@b>`, `<https://…|label>`) and `&amp;`-style escapes undone. */
export const fromSlackText = (text: string): string =>
  replaceMentions(text, (_userId, label, written) => (label === null ? written : `@${label}`))
    .replace(/<(?:mailto:|tel:|https?:\/\/)[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<(?:mailto:|tel:)([^>]*)>/g, '$1')
    .replace(/<(https?:\/\/[^>]*)>/g, '$1')
    .replace(/<#C[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Splits the message into its metadata and the pasted transcript (a code block, else the lines after the first). */
const splitMessage = (text: string): { meta: string; pasted: string | null } => {
  const blocks = [...text.matchAll(CODE_BLOCK)].map((match) => match[1] ?? '');
  if (blocks.length > 0) {
    const pasted = blocks.join('\n').trim();
    return { meta: text.replace(CODE_BLOCK, ' ').trim(), pasted: pasted || null };
  }
  const lines = text.trim().split('\n');
  const pasted = lines.slice(1).join('\n').trim();
  return { meta: lines[0] ?? '', pasted: pasted || null };
};

/** The longest run of words naming a call type, by key or name: its key and where it was. */
const findCallType = (
  words: readonly string[],
  callTypes: readonly CallTypeDef[],
): { key: string; start: number; length: number } | null => {
  for (let length = words.length; length >= 1; length -= 1) {
    for (let start = 0; start + length <= words.length; start += 1) {
      const key = matchCallType(words.slice(start, start + length).join(' '), callTypes);
      if (key !== null) return { key, start, length };
    }
  }
  return null;
};

/** Parses the message text (as Slack sends it); SlackAnswerError with what is missing and how to write it otherwise. */
/** How the message's date is read: a zone-less one in the zone of the named agent's team (ADR 0024). */
export interface MessageDateOptions {
  timeZoneOf: (agentRef: string) => string | null;
  now?: () => Date;
}

export const parseTranscriptMessage = (
  text: string,
  callTypes: readonly CallTypeDef[],
  dates: MessageDateOptions,
): TranscriptMessageRequest => {
  const { meta, pasted } = splitMessage(text);
  const tokens = withoutFieldLabels(meta)
    .split(/[\s,;]+/)
    .filter(Boolean);

  let agentRef: string | null = null;
  let agentByName = false;
  let kind: CallKind = 'live';
  let dateText: string | undefined;
  let externalId: string | null = null;
  const words: string[] = [];

  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] ?? '';
    const mention = readMention(token);
    const mailto = MAILTO.exec(token);
    const idPrefix = ID_PREFIX.exec(token);
    if (mention && agentRef === null) agentRef = mention.userId;
    else if (mailto?.[1] && agentRef === null) agentRef = mailto[1].toLowerCase();
    else if (EMAIL.test(token) && agentRef === null) agentRef = token.toLowerCase();
    else if (ROLEPLAY.test(token)) kind = 'roleplay';
    else if (DATE_LIKE.test(token) && dateText === undefined) dateText = token;
    else if (idPrefix) {
      if (!idPrefix[1]) index += 1;
      const value = idPrefix[1] || tokens[index] || '';
      if (!value) throw new SlackAnswerError('message_external_id_missing', postedMessages.externalIdMissing);
      externalId = fromSlackText(value);
    } else if (looksLikeMention(token) || token.startsWith('<mailto:')) {
      throw new SlackAnswerError('message_two_agents', postedMessages.twoAgents);
    } else if (token.startsWith('@') && token.length > 1 && agentRef === null) {
      // Typed, not picked from the list: looked up by name among the poster's agents.
      agentRef = token.slice(1);
      agentByName = true;
    } else if (token.startsWith('@')) {
      throw new SlackAnswerError('message_two_agents', postedMessages.twoAgents);
    } else words.push(token);
  }

  const callType = findCallType(words, callTypes);
  if (callType) words.splice(callType.start, callType.length);
  if (agentRef === null && words.length === 1) agentRef = words.pop() ?? null;

  // No agent on the first line: the call is searched for one of the poster's agents (issue 18).
  if (words.length > 0) {
    throw new SlackAnswerError('message_unreadable', postedMessages.unreadable(words, callTypes));
  }
  if (!callType) {
    throw new SlackAnswerError('message_call_type_missing', postedMessages.callTypeMissing(callTypes));
  }
  let occurredAt: Date | undefined;
  if (dateText !== undefined) {
    const parsed = readInstant(dateText, { timeZone: dates.timeZoneOf(agentRef ?? ''), ...(dates.now ? { now: dates.now } : {}) });
    if (!parsed.ok) throw new SlackAnswerError('message_date_invalid', postedMessages.dateInvalid(parsed.problem));
    occurredAt = parsed.date;
  }
  return {
    agentRef,
    agentByName,
    callType: callType.key,
    kind,
    ...(occurredAt === undefined ? {} : { occurredAt }),
    externalId,
    pastedText: pasted === null ? null : fromSlackText(pasted),
  };
};
