import type { Turn } from '../domain/types.ts';

/** What replaces the agent's own names in spoken text before it leaves for an LLM (blind scoring). */
export const AGENT_MASK = '[AGENT]';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const stripDiacritics = (text: string): string => text.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');

/** Full names, emails and name parts (first, middle, last) of each configured name (with and without diacritics), longest first. */
const nameVariants = (names: readonly string[]): string[] => {
  const variants = new Set<string>();
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name.length < 2) continue;
    const forms = [name];
    if (!name.includes('@')) {
      // Each part of the name (first, middle, last) as well: "Ms Pérez" and "Ana" both identify her.
      for (const part of name.split(' ')) if (part.length >= 2) forms.push(part);
    }
    for (const form of forms) {
      variants.add(form);
      variants.add(stripDiacritics(form));
    }
  }
  return [...variants].sort((a, b) => b.length - a.length);
};

/** A function masking the given names (case-insensitive, whole words) with `[AGENT]`. */
export const createNameMasker = (names: readonly string[]): ((text: string) => string) => {
  const variants = nameVariants(names);
  if (variants.length === 0) return (text) => text;
  const alternation = variants.map((variant) => escapeRegExp(variant).replace(/ /g, '\\s+')).join('|');
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_])(?:${alternation})(?![\\p{L}\\p{M}\\p{N}_])`, 'giu');
  return (text) => text.replace(pattern, AGENT_MASK);
};

/** The turns with the agent's names masked inside the spoken text of both speakers. */
export const maskAgentNames = (turns: readonly Turn[], names: readonly string[]): Turn[] => {
  const mask = createNameMasker(names);
  return turns.map((turn) => ({ ...turn, text: mask(turn.text) }));
};
