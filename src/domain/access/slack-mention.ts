// How Slack writes a person: one pattern for the whole codebase (parsers, access, config, renderers).

/** A Slack member id as Slack writes it: `U…` for a user, `W…` for an Enterprise Grid user. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** The one pattern of a user mention: `<@U…>` or `<@W…|name>` (group 1 the id, group 2 the label Slack added). */
const MENTION_SOURCE = '<@([UW][A-Z0-9]{2,})(?:\\|([^>]*))?>';

const WHOLE_MENTION = new RegExp(`^${MENTION_SOURCE}$`);

/** The Slack id and label of a text that is exactly one mention, or null. */
export const readMention = (text: string): { userId: string; label: string | null } | null => {
  const match = WHOLE_MENTION.exec(text.trim());
  return match?.[1] ? { userId: match[1], label: match[2] ?? null } : null;
};

/** Every mention in a text replaced by what `replace` makes of its id and label. */
export const replaceMentions = (text: string, replace: (userId: string, label: string | null, written: string) => string): string =>
  text.replace(new RegExp(MENTION_SOURCE, 'g'), (written: string, userId: string, label: string | undefined) =>
    replace(userId, label ?? null, written),
  );

/** Whether a text starts like a mention (`<@…`), complete or not. */
export const looksLikeMention = (text: string): boolean => text.startsWith('<@');

/** A mention of this Slack member, as mrkdwn. */
export const mention = (userId: string): string => `<@${userId}>`;
