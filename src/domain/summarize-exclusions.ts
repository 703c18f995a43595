/** How many calls are excluded, and why: one entry per reason (as written, trimmed), most calls first. */
export interface ExclusionSummary {
  calls: number;
  reasons: { reason: string; calls: number; by: string[] }[];
}

/** Groups active exclusions by their reason, with the managers who gave it. */
export const summarizeExclusions = (exclusions: readonly { reason: string; by: string }[]): ExclusionSummary => {
  const byReason = new Map<string, { reason: string; calls: number; by: string[] }>();
  for (const { reason, by } of exclusions) {
    const entry = byReason.get(reason) ?? { reason, calls: 0, by: [] };
    entry.calls += 1;
    if (!entry.by.includes(by)) entry.by.push(by);
    byReason.set(reason, entry);
  }
  return { calls: exclusions.length, reasons: [...byReason.values()].sort((a, b) => b.calls - a.calls) };
};
