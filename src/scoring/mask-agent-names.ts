import type { Turn } from '../domain/types.ts';
import { escapeRegExp } from '../domain/escape-regexp.ts';

/** What replaces the agent's own names in spoken text before it leaves for an LLM (blind scoring). */
export const AGENT_MASK = '[AGENT]';
/** What replaces the names of other staff (colleagues, managers) named in the call. */
export const STAFF_MASK = '[STAFF]';

const stripDiacritics = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');

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

const lookupKey = (text: string): string => stripDiacritics(text.replace(/\s+/g, ' ')).toLowerCase();

/**
 * A function masking the agent's names with `[AGENT]` and other staff's names with `[STAFF]`
 * (case-insensitive, not inside a longer word; digits may touch a name, as in "Ruiz123"). One pass,
 * longest name first, so "Dev Patel" is one colleague even when the agent's alias ends in "Patel";
 * a name both lists share counts as the agent's.
 */
export const createNameMasker = (names: readonly string[], staffNames: readonly string[] = []): ((text: string) => string) => {
  const labels = new Map<string, string>();
  for (const variant of nameVariants(staffNames)) labels.set(lookupKey(variant), STAFF_MASK);
  for (const variant of nameVariants(names)) labels.set(lookupKey(variant), AGENT_MASK);
  const variants = [...new Set([...nameVariants(names), ...nameVariants(staffNames)])].sort((a, b) => b.length - a.length);
  if (variants.length === 0) return (text) => text;
  const alternation = variants.map((variant) => escapeRegExp(variant).replace(/ /g, '\\s+')).join('|');
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}])(?:${alternation})(?![\\p{L}\\p{M}])`, 'giu');
  return (text) => text.replace(pattern, (match) => labels.get(lookupKey(match)) ?? AGENT_MASK);
};

/** The turns with the agent's names (and other staff's, as `[STAFF]`) masked in the spoken text of both speakers. */
export const maskAgentNames = (turns: readonly Turn[], names: readonly string[], staffNames: readonly string[] = []): Turn[] => {
  const mask = createNameMasker(names, staffNames);
  return turns.map((turn) => ({ ...turn, text: mask(turn.text) }));
};
