import type { Level } from '../types.ts';

// Disputes of AI scores (issue 19, ADR 0030), as rules and plain data. An agent disputes one criterion
// of one of their calls within a window after scoring; a manager of the agent's team changes the score
// (a human score beside the AI's, the dispute as its source) or keeps it, with a note; an open dispute no
// one resolves within the window expires. One open dispute per call and criterion.

export type DisputeState = 'open' | 'changed' | 'kept' | 'expired';

export const DISPUTE_STATES: readonly DisputeState[] = ['open', 'changed', 'kept', 'expired'];

/** A reason longer than this is refused (Slack's input is capped there too, but Slack may send anything). */
export const DISPUTE_REASON_MAX = 1000;
/** A manager's note, as long as a reason. */
export const DISPUTE_NOTE_MAX = 1000;

export interface DisputeEvent {
  at: string;
  /** Who: a Slack id, or a manager's name from the CLI's --by. */
  by: string;
  action: 'raised' | 'changed' | 'kept' | 'expired';
  note?: string;
  level?: number;
}

export interface DisputeRecord {
  id: string;
  callId: string;
  criterionKey: string;
  agentId: string;
  raisedBy: string;
  proposedLevel: Level | null;
  reason: string;
  state: DisputeState;
  aiLevel: Level | null;
  aiScore: number | null;
  newLevel: Level | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  note: string | null;
  history: DisputeEvent[];
  createdAt: Date;
}

export const isLevel = (value: unknown): value is Level => value === 1 || value === 2 || value === 3 || value === 4 || value === 5;

/** A level typed or chosen as text ("1".."5"); null when it is not one. */
export const parseLevel = (text: string | null | undefined): Level | null => {
  const trimmed = (text ?? '').trim();
  if (!/^[1-5]$/.test(trimmed)) return null;
  return Number(trimmed) as Level;
};

/** What is wrong with a reason or note as written (null: fine). Slack may send an empty or over-long value. */
export const checkFreeText = (text: string | null | undefined, max: number): 'empty' | 'too_long' | null => {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return 'empty';
  if (trimmed.length > max) return 'too_long';
  return null;
};

/** Whether a call scored at `scoredAt` may still be disputed at `now`. */
export const withinWindow = (scoredAt: Date, now: Date, windowDays: number): boolean =>
  now.getTime() - scoredAt.getTime() <= windowDays * 86_400_000;

/** The outbox key of the DM telling one manager about a dispute. */
export const disputeOpenedKey = (disputeId: string, managerSlackId: string): string => `dispute-opened:${disputeId}:${managerSlackId}`;
/** The outbox key of the DM telling the agent how their dispute ended. */
export const disputeOutcomeKey = (disputeId: string): string => `dispute-outcome:${disputeId}`;

/** Per criterion: disputes raised, and how many of the resolved ones changed the AI score. */
export interface DisputeCounts {
  criterionKey: string;
  raised: number;
  changed: number;
  kept: number;
  expired: number;
  open: number;
}

export const countDisputes = (disputes: readonly Pick<DisputeRecord, 'criterionKey' | 'state'>[]): DisputeCounts[] => {
  const byKey = new Map<string, DisputeCounts>();
  for (const dispute of disputes) {
    const counts = byKey.get(dispute.criterionKey) ?? {
      criterionKey: dispute.criterionKey,
      raised: 0,
      changed: 0,
      kept: 0,
      expired: 0,
      open: 0,
    };
    counts.raised += 1;
    counts[dispute.state] += 1;
    byKey.set(dispute.criterionKey, counts);
  }
  return [...byKey.values()];
};

/** The share of decided disputes (changed or kept) that changed the AI score, 0..1; null when none was decided. */
export const changedShare = (counts: Pick<DisputeCounts, 'changed' | 'kept'>): number | null => {
  const decided = counts.changed + counts.kept;
  return decided === 0 ? null : counts.changed / decided;
};

/** The call a dispute message is about, as people read it. */
export interface DisputeCallLabel {
  id: string;
  externalId: string | null;
  callTypeName: string | null;
  kind: 'live' | 'roleplay';
  occurredAt: Date;
}

/** A turn of the stored (redacted) transcript, with its stored index (shown from 1). */
export interface ExcerptTurn {
  turn: number;
  role: string;
  text: string;
}

/** The DM telling a manager of the agent's team that the agent disputes a score. */
export interface DisputeOpenedNotification {
  disputeId: string;
  agentName: string;
  agentSlackId: string | null;
  call: DisputeCallLabel;
  criterionName: string;
  reason: string;
  proposedLevel: Level | null;
  aiLevel: Level | null;
  aiScore: number | null;
  rationale: string | null;
  evidence: readonly { turn: number; role: string; quote: string }[];
  excerpt: readonly ExcerptTurn[];
}

/** The DM telling the agent how their dispute ended. */
export interface DisputeOutcomeNotification {
  disputeId: string;
  call: DisputeCallLabel;
  criterionName: string;
  state: Exclude<DisputeState, 'open'>;
  aiLevel: Level | null;
  newLevel: Level | null;
  note: string | null;
  resolvedBy: string | null;
}

/** The stored turns around each evidence turn (±`around`), in order, each once. */
export const excerptAround = (
  turns: readonly { role: string; text: string }[],
  evidenceTurns: readonly number[],
  around = 2,
): ExcerptTurn[] => {
  const wanted = new Set<number>();
  for (const turn of evidenceTurns) {
    for (let index = Math.max(0, turn - around); index <= Math.min(turns.length - 1, turn + around); index += 1) wanted.add(index);
  }
  return [...wanted]
    .sort((a, b) => a - b)
    .map((index) => ({ turn: index, role: (turns[index] as { role: string }).role, text: (turns[index] as { text: string }).text }));
};
