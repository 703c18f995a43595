/**
 * A recommendation's dedupe key: the rule, who and what it is about, and a stamp of the state (the
 * start of the latest batch or period involved). The same state gives the same key, so a notification
 * goes out once; a new batch changes the stamp and can notify again.
 */
export const buildDedupeKey = (
  rule: string,
  parts: { agentId?: string | null; callType?: string | null; criterion?: string | null; subject?: string | null },
  stamp: Date | string,
): string =>
  [
    rule,
    parts.agentId ?? '-',
    parts.callType ?? '-',
    parts.criterion ?? '-',
    ...(parts.subject ? [parts.subject] : []),
    typeof stamp === 'string' ? stamp : stamp.toISOString(),
  ]
    .map((part) => encodeURIComponent(part))
    .join(':');
