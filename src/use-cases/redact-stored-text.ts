import type { StoredCallTexts } from '../domain/stored-records.ts';
import type { StoredTextRepository } from './ports.ts';
import { hashTurns } from '../ingest/hash-turns.ts';
import { addRedactionCounts, emptyRedactionCounts, type RedactionCounts } from '../ingest/redact-pii.ts';
import type { RedactionInput } from '../ingest/redaction/build-redaction-document.ts';
import { redactTexts } from '../ingest/redaction/redact-texts.ts';

export interface RedactStoredTextSummary {
  /** Values replaced (or, in a dry run, that would be), per category. */
  counts: RedactionCounts;
  calls: number;
  /** Calls whose duplicate-check hash was (or would be) taken again over their redacted turns. */
  hashes: number;
  scores: number;
  exclusions: number;
  messages: number;
  applied: boolean;
}

/**
 * A call's texts redacted together, so a name the customer gives in a turn is redacted in the summary
 * and the evidence too: turns (with their roles), file name, summary, failure reason, each score's
 * rationale and quotes, each exclusion note. Returns the call as it would be stored, and the counts.
 */
const redactCall = (
  call: StoredCallTexts,
): { call: StoredCallTexts; counts: RedactionCounts; changed: { call: boolean; hash: boolean; scores: number; exclusions: number } } => {
  const turns = call.turns ?? [];
  const inputs: RedactionInput[] = [
    ...turns.map((turn) => ({ text: turn.text, role: turn.role })),
    { text: call.sourceName ?? '', role: null },
    { text: call.summary ?? '', role: null },
    { text: call.failureReason ?? '', role: null },
    ...call.scores.flatMap((score) => [
      { text: score.rationale ?? '', role: null },
      ...score.evidence.map((evidence) => ({ text: evidence.quote, role: evidence.role })),
    ]),
    ...call.exclusions.map((exclusion) => ({ text: exclusion.reason, role: null })),
  ];
  const { texts, counts } = redactTexts(inputs);
  let next = 0;
  const take = (): string => texts[next++] ?? '';
  const nullable = (before: string | null): string | null => {
    const after = take();
    return before === null ? null : after;
  };
  const redacted: StoredCallTexts = {
    ...call,
    turns: call.turns === null ? null : turns.map((turn) => ({ ...turn, text: take() })),
    sourceName: nullable(call.sourceName),
    summary: nullable(call.summary),
    failureReason: nullable(call.failureReason),
    scores: call.scores.map((score) => ({
      ...score,
      rationale: nullable(score.rationale),
      evidence: score.evidence.map((evidence) => ({ ...evidence, quote: take() })),
    })),
    exclusions: call.exclusions.map((exclusion) => ({ ...exclusion, reason: take() })),
  };
  // The call's count of redacted values grows by what this pass replaced (other keys kept as stored).
  redacted.redactions = {
    ...(call.redactions ?? {}),
    ...addRedactionCounts(addRedactionCounts(emptyRedactionCounts(), call.redactions ?? {}), counts),
  };
  const scoresChanged = redacted.scores.filter((score, index) => JSON.stringify(score) !== JSON.stringify(call.scores[index])).length;
  const exclusionsChanged = redacted.exclusions.filter((exclusion, index) => exclusion.reason !== call.exclusions[index]?.reason).length;
  // The duplicate check's hash, over the turns as now stored (an older version hashed the raw turns).
  if (redacted.turns !== null) redacted.contentHash = hashTurns(redacted.turns);
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return {
    call: redacted,
    counts,
    changed: { call: total > 0, hash: redacted.contentHash !== call.contentHash, scores: scoresChanged, exclusions: exclusionsChanged },
  };
};

/** Keys of a message payload whose strings are words for people (not ids, keys or timestamps). */
const TEXT_KEYS = new Set(['text', 'quote', 'message', 'summary', 'rationale', 'title', 'body']);

const redactPayload = (value: unknown, counts: RedactionCounts, key = ''): unknown => {
  if (typeof value === 'string') {
    if (!TEXT_KEYS.has(key)) return value;
    const result = redactTexts([{ text: value, role: null }]);
    addRedactionCounts(counts, result.counts);
    return result.texts[0];
  }
  if (Array.isArray(value)) return value.map((item) => redactPayload(item, counts, key));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, redactPayload(item, counts, name)]));
  return value;
};

/**
 * Re-runs the current redaction over everything stored: every call's turns, file name, summary and
 * failure reason, its scores' rationales and evidence quotes, its exclusion notes, and the text of
 * every outgoing message; and takes each call's duplicate-check hash again over its redacted turns
 * (see src/ingest/hash-turns.ts). A dry run (`apply: false`) counts what would be replaced and writes nothing.
 */
export const redactStoredText = async (
  deps: { texts: StoredTextRepository },
  options: { apply: boolean },
): Promise<RedactStoredTextSummary> => {
  const summary: RedactStoredTextSummary = {
    counts: emptyRedactionCounts(),
    calls: 0,
    hashes: 0,
    scores: 0,
    exclusions: 0,
    messages: 0,
    applied: options.apply,
  };
  let page = await deps.texts.callsAfter(null);
  while (page.length > 0) {
    for (const stored of page) {
      const { call, counts, changed } = redactCall(stored);
      if (!changed.call && !changed.hash) continue;
      addRedactionCounts(summary.counts, counts);
      if (changed.call) summary.calls += 1;
      if (changed.hash) summary.hashes += 1;
      summary.scores += changed.scores;
      summary.exclusions += changed.exclusions;
      if (options.apply) await deps.texts.saveCallTexts(call);
    }
    page = await deps.texts.callsAfter(page.at(-1)?.id ?? null);
  }
  let messages = await deps.texts.messagesAfter(null);
  while (messages.length > 0) {
    for (const message of messages) {
      const counts = emptyRedactionCounts();
      const payload = redactPayload(message.payload, counts);
      if (Object.values(counts).every((n) => n === 0)) continue;
      addRedactionCounts(summary.counts, counts);
      summary.messages += 1;
      if (options.apply) await deps.texts.saveMessagePayload(message.id, payload);
    }
    messages = await deps.texts.messagesAfter(messages.at(-1)?.id ?? null);
  }
  if (options.apply && (summary.calls > 0 || summary.hashes > 0 || summary.messages > 0)) await deps.texts.compact();
  return summary;
};
