import { readMention, SLACK_USER_ID } from './slack-mention.ts';

// A person as someone names them, read once: a Slack member id (bare, as a mention, or in the
// "Name (U…)" label a decision is recorded with), an email (bare or as Slack's `<mailto:…>` link), or a
// text that may be an external id, a config key or a configured name. Pure.

export type PersonRef =
  | { kind: 'slack'; userId: string; written: string }
  | { kind: 'email'; email: string; written: string }
  | { kind: 'text'; text: string; written: string };

const MAILTO = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** "Maya Chen (U0MAYA0001)": how a decider is recorded (see `deciderLabel`). */
const LABEL = /^(.*?)\s*\(([UW][A-Z0-9]{2,})\)$/;

/** What `ref` names a person by; null when it is blank. */
export const readPersonRef = (ref: string): PersonRef | null => {
  const written = ref.trim();
  if (written === '') return null;
  const mentioned = readMention(written);
  if (mentioned) return { kind: 'slack', userId: mentioned.userId, written };
  const mailto = MAILTO.exec(written)?.[1];
  if (mailto) return { kind: 'email', email: mailto.trim().toLowerCase(), written };
  const labelled = LABEL.exec(written)?.[2];
  if (labelled) return { kind: 'slack', userId: labelled, written };
  if (SLACK_USER_ID.test(written)) return { kind: 'slack', userId: written, written };
  if (EMAIL.test(written)) return { kind: 'email', email: written.toLowerCase(), written };
  return { kind: 'text', text: written, written };
};

/** The Slack member id a stored decider label or reference carries, or null. */
export const slackIdOf = (ref: string): string | null => {
  const read = readPersonRef(ref);
  return read?.kind === 'slack' ? read.userId : null;
};

/**
 * How who decided (approved readiness, excluded a call) is recorded, the same from every entry point:
 * "Name (U…)" when the config gives both (readable in the CLI, a mention in Slack), else whichever it gives.
 */
export const deciderLabel = (manager: { name: string | null; slackUserId: string | null; email: string | null }): string => {
  if (manager.name && manager.slackUserId) return `${manager.name} (${manager.slackUserId})`;
  return manager.name ?? manager.slackUserId ?? manager.email ?? '';
};
