import { SlackAnswerError } from './slack-answer-error.ts';
import { findByKeyOrName } from '../domain/key-or-name.ts';
import { readMention } from '../domain/access/index.ts';
import type { CallTypeDef } from '../domain/types.ts';
import { slackMessages } from './slack-messages.ts';

/**
 * What `/readiness [agent] [call type]` asked for. `agentRef` is a Slack user id, an email or an
 * external id / config key (what `findAgent` accepts); null = the caller's own card.
 */
export interface ReadinessRequest {
  agentRef: string | null;
  /** A configured call type key; null = every call type. */
  callType: string | null;
}

const MAILTO = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** The call type key named by `text` (its key or its name, any case, spaces or underscores), or null. */
export const matchCallType = (text: string, callTypes: readonly CallTypeDef[]): string | null =>
  findByKeyOrName(callTypes, text)?.key ?? null;

const requireCallType = (text: string, callTypes: readonly CallTypeDef[]): string => {
  const key = matchCallType(text, callTypes);
  if (key === null) throw new SlackAnswerError('call_type_unknown', slackMessages.unknownCallType(text, callTypes));
  return key;
};

/**
 * Parses the command text: `<@U…|name>` mention (Slack escapes it when the command has should_escape),
 * `<mailto:…>` or a bare email, or an external id; then an optional call type by key or name. A text that
 * is only a call type asks for the caller's own card of that type.
 */
export const parseReadinessText = (text: string, callTypes: readonly CallTypeDef[]): ReadinessRequest => {
  const trimmed = text.trim();
  if (!trimmed) return { agentRef: null, callType: null };
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const restText = rest.join(' ');
  const callTypeOf = (remaining: string): string | null => (remaining ? requireCallType(remaining, callTypes) : null);

  const mention = readMention(first);
  if (mention) return { agentRef: mention.userId, callType: callTypeOf(restText) };
  const mailto = MAILTO.exec(first);
  if (mailto?.[1]) return { agentRef: mailto[1].toLowerCase(), callType: callTypeOf(restText) };
  if (EMAIL.test(first)) return { agentRef: first.toLowerCase(), callType: callTypeOf(restText) };
  if (first.startsWith('@')) throw new SlackAnswerError('agent_unresolved_mention', slackMessages.unresolvedMention(first));

  const ownCallType = matchCallType(trimmed, callTypes);
  if (ownCallType !== null) return { agentRef: null, callType: ownCallType };
  return { agentRef: first, callType: callTypeOf(restText) };
};
