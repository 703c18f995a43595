import type { RawTurn } from '../raw-turn.ts';
import { arrayAt, isObject, platformFieldMissingError, rawTurn, type JsonObject, type PlatformParser } from './platform-parser.ts';

const AGENT_ROLES = new Set(['assistant', 'agent']);
const CUSTOMER_ROLES = new Set(['user', 'customer']);
/** Messages that are neither side of the call. */
const SKIPPED_ROLES = new Set(['system', 'developer', 'tool', 'function']);

const messagesOf = (data: unknown): unknown[] | null => (Array.isArray(data) ? data : isObject(data) ? arrayAt(data, 'messages') : null);

const isChatMessage = (value: unknown): value is JsonObject => isObject(value) && typeof value.role === 'string' && 'content' in value;

/** `content` as a string, or as a list of parts (`[{type: "text", text}]`) joined. */
const contentText = (content: unknown): string | null => {
  if (typeof content === 'string') return content.replace(/\s+/g, ' ').trim();
  if (!Array.isArray(content)) return null;
  return content
    .map((part) => (typeof part === 'string' ? part : isObject(part) && typeof part.text === 'string' ? part.text : ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
};

/**
 * Chat-style JSON, as chat platforms and LLM role-play tools write it: `[{role, content}]` or
 * `{messages: [...]}`, `role` assistant / agent for the agent and user / customer for the customer;
 * system and tool messages are left out.
 */
export const chatJson: PlatformParser = {
  id: 'chat-json',
  name: 'chat-style JSON',
  whatToExport: 'the conversation as `[{"role": "assistant" | "user" | "agent" | "customer", "content": "…"}]`',
  looksLike: (data) => {
    const messages = messagesOf(data);
    return (
      messages !== null && messages.length > 0 && messages.every(isChatMessage) && messages.some((m) => !('speaker' in m) && !('text' in m))
    );
  },
  parse: (data) => {
    const messages = messagesOf(data) ?? [];
    const root = Array.isArray(data) ? '' : 'messages';
    const turns: RawTurn[] = [];
    messages.forEach((message, index) => {
      const record = message as JsonObject;
      const role = String(record.role).trim().toLowerCase();
      if (SKIPPED_ROLES.has(role)) return;
      const text = contentText(record.content);
      if (text === null) throw platformFieldMissingError(chatJson, `${root}[${index}].content`, 'is not text');
      if (AGENT_ROLES.has(role)) turns.push(rawTurn({ speaker: null, role: 'agent', text }));
      else if (CUSTOMER_ROLES.has(role)) turns.push(rawTurn({ speaker: null, role: 'customer', text }));
      else turns.push(rawTurn({ speaker: String(record.role).trim(), text }));
    });
    return turns.filter((turn) => turn.text !== '');
  },
};
