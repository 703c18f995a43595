import type { Turn } from '../../domain/types.ts';
import type { RedactionCounts } from './redaction-categories.ts';
import { redactTexts, type RedactionOptions } from './redact-texts.ts';

/** Redacts customer PII from one text that is not a turn (a file name, a summary, a note). */
export const redactPii = (text: string, options: RedactionOptions = {}): { text: string; counts: RedactionCounts } => {
  const { texts, counts } = redactTexts([{ text, role: null }], options);
  return { text: texts[0] ?? '', counts };
};

/**
 * Redacts the turns of one call, read together: a number continued across a backchannel is one
 * number, a name the customer gives is redacted in every turn. Agent turns too (agents read numbers back).
 */
export const redactTurns = (turns: readonly Turn[], options: RedactionOptions = {}): { turns: Turn[]; counts: RedactionCounts } => {
  const { texts, counts } = redactTexts(
    turns.map((turn) => ({ text: turn.text, role: turn.role })),
    options,
  );
  return { turns: turns.map((turn, index) => ({ ...turn, text: texts[index] ?? turn.text })), counts };
};
