import type { CallTypeDef, Turn } from '../../domain/types.ts';
import { contentStems } from './content-stems.ts';
import type { FrustrationReading } from './read-frustration.ts';

/** A call type inferred from what the call is about, and the cue that decided it, as `calls` and `show` print it. */
export interface InferredCallType {
  key: string;
  /** "inferred from 'refund', 'charged'", "inferred from 'supervisor'", "inferred from the customer's high frustration" … */
  cue: string;
}

const ESCALATION_WORDS = /\b(supervisor|manager|complaint|complain)\b/i;
/** At most this many of the shared words are named in the cue. */
const CUE_WORDS = 3;

/** The words of `text` whose stems are in `stems`, as said (lower case), most frequent first, then in order of first use. */
const wordsWithStems = (text: string, stems: ReadonlySet<string>): string[] => {
  const counts = new Map<string, { word: string; count: number }>();
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    if (word.length < 4) continue;
    const stem = word.slice(0, 5);
    if (!stems.has(stem)) continue;
    const known = counts.get(stem);
    if (known) known.count += 1;
    else counts.set(stem, { word, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count).map((entry) => entry.word);
};

/** The content stems of a call type's key, name and description, read once per distinct type (a config has a handful). */
const TYPE_STEMS = new Map<string, Set<string>>();
const typeStems = (callType: CallTypeDef): Set<string> => {
  const text = `${callType.key.replace(/[_-]/g, ' ')} ${callType.name} ${callType.description ?? ''}`;
  let stems = TYPE_STEMS.get(text);
  if (!stems) {
    if (TYPE_STEMS.size > 1000) TYPE_STEMS.clear();
    stems = contentStems(text);
    TYPE_STEMS.set(text, stems);
  }
  return stems;
};

const quoted = (words: readonly string[]): string => words.map((word) => `'${word}'`).join(', ');

/**
 * The call type when none was given, never from what a speaker claims it is (the caller leaves out turns that
 * address the evaluator): an escalation type for a highly frustrated customer or one who asks for a supervisor
 * or complains; else the type whose key, name and description share most words with the call. The cue says
 * which: the customer's word, their frustration, or the shared words; with no word in common, the first
 * configured type, and the cue says so.
 */
export const inferCallType = (
  turns: readonly Turn[],
  callTypes: readonly CallTypeDef[],
  frustration: FrustrationReading,
): InferredCallType | null => {
  const first = callTypes[0];
  if (!first) return null;
  const escalation = callTypes.find((t) => /escalat|complain/i.test(`${t.key} ${t.name} ${t.description ?? ''}`));
  if (escalation) {
    const asked = turns.find((turn) => turn.role === 'customer' && ESCALATION_WORDS.test(turn.text));
    const word = asked ? ESCALATION_WORDS.exec(asked.text)?.[1]?.toLowerCase() : undefined;
    if (word) return { key: escalation.key, cue: `inferred from '${word}'` };
    if (frustration.level === 'high') return { key: escalation.key, cue: "inferred from the customer's high frustration" };
  }
  const text = turns.map((turn) => turn.text).join(' ');
  const words = contentStems(text);
  let best = first;
  let shared: string[] = [];
  for (const callType of callTypes) {
    const stems = [...typeStems(callType)].filter((stem) => words.has(stem));
    if (stems.length > shared.length) [best, shared] = [callType, stems];
  }
  if (shared.length === 0) return { key: first.key, cue: 'inferred: no word of the call matches a call type, so the first configured one' };
  const said = wordsWithStems(text, new Set(shared));
  return { key: best.key, cue: `inferred from ${quoted((said.length > 0 ? said : shared).slice(0, CUE_WORDS))}` };
};
