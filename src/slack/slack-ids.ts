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

// ── "Why this score?" and disputes (issue 19, ADR 0030) ─────────────────────────────────────────

/** The "Why this score?" button of a message showing one call's scores. */
export const WHY_SCORE_ACTION_ID = 'why_score';
/** The Dispute button of an agent's score summary. */
export const DISPUTE_ACTION_ID = 'dispute_open';
/** The buttons of a manager's dispute DM. */
export const DISPUTE_CHANGE_ACTION_ID = 'dispute_change';
export const DISPUTE_KEEP_ACTION_ID = 'dispute_keep';

/** Modal callbacks: the agent's dispute, the manager's change and keep. */
export const DISPUTE_VIEW_ID = 'dispute_submit';
export const DISPUTE_CHANGE_VIEW_ID = 'dispute_change_submit';
export const DISPUTE_KEEP_VIEW_ID = 'dispute_keep_submit';
/** The "Why this score?" modal (read only). */
export const WHY_VIEW_ID = 'why_score_view';

/** block_ids (and action_ids inside them) of the modals' inputs. */
export const DISPUTE_BLOCKS = {
  criterion: 'dispute_criterion',
  level: 'dispute_level',
  reason: 'dispute_reason',
  newLevel: 'resolve_level',
  note: 'resolve_note',
} as const;

/** Ids this app writes: cuid()s. */
const ID = /^[a-z0-9]{10,40}$/;
const CALL_PREFIX = 'fr1:call:';
const DISPUTE_PREFIX = 'fr1:dispute:';

/** A button value naming one call (Why, Dispute). */
export const encodeCallValue = (callId: string): string => `${CALL_PREFIX}${callId}`;
/** The call id of a button value this app wrote, else null. */
export const decodeCallValue = (raw: string | undefined | null): string | null => {
  if (!raw?.startsWith(CALL_PREFIX)) return null;
  const id = raw.slice(CALL_PREFIX.length);
  return ID.test(id) ? id : null;
};
/** A button value (or modal metadata) naming one dispute. */
export const encodeDisputeValue = (disputeId: string): string => `${DISPUTE_PREFIX}${disputeId}`;
export const decodeDisputeValue = (raw: string | undefined | null): string | null => {
  if (!raw?.startsWith(DISPUTE_PREFIX)) return null;
  const id = raw.slice(DISPUTE_PREFIX.length);
  return ID.test(id) ? id : null;
};
/** The Previous/Next buttons of a paged Why modal (action ids start with it). */
export const WHY_PAGE_ACTION_ID = 'why_page';
