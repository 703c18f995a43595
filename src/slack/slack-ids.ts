// Slack ids shared by the builders that put them in a message and the listeners that answer them:
// one constant each, so the two can never drift apart.

/** The slash command, as declared in manifest.yml. */
export const READINESS_COMMAND = '/readiness';

/** The Approve button of a scorecard, one per call type whose status is `ready`. */
export const APPROVE_READINESS_ACTION_ID = 'approve_readiness';

/** block_id of the actions block holding the Approve button of one call type (unique per message). */
export const approveBlockId = (callType: string): string => `approve_readiness:${callType}`.slice(0, 255);

/** What the Approve button carries: whom and what to approve, and the card's call type filter to redraw it the same. */
export interface ApproveButtonValue {
  /** The agent's config key (what `findAgent` and the use cases accept). */
  agent: string;
  callType: string;
  /** The call type the scorecard was narrowed to, if any. */
  filter: string | null;
}

export const encodeApproveValue = (value: ApproveButtonValue): string =>
  JSON.stringify({ a: value.agent, t: value.callType, f: value.filter });

/** The button's value, or null when it is not one this app wrote. */
export const decodeApproveValue = (raw: string | undefined): ApproveButtonValue | null => {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { a, t, f } = parsed as Record<string, unknown>;
    if (typeof a !== 'string' || typeof t !== 'string' || !a || !t) return null;
    return { agent: a, callType: t, filter: typeof f === 'string' && f ? f : null };
  } catch {
    return null;
  }
};
