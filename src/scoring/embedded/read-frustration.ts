import type { Frustration, Turn } from '../../domain/types.ts';
import { type Hit, quoteAt } from './find-hits.ts';

// Frustration cues in the customer's words, by intent family: anger and annoyance, repeat contact,
// asking for a supervisor or threatening to leave, exclamation marks and shouting (caps).

const STRONG =
  /\b(ridiculous|unacceptable|outrageous|furious|disgusting|useless|incompetent|supervisor|manager|complaint|complain|third time|fourth time|so many times|lawyer|cancel my (?:account|contract|subscription)|worst|fed up|sick of|waste of (?:my )?time|this is a joke|unbelievable)\b/gi;
const MILD =
  /\b(frustrat\w*|annoy\w*|angry|upset|disappoint\w*|terrible|awful|(?:calling|called|happened|broken|charged|failed) again|still (?:not|hasn't|haven't|isn't|doesn't|don't|no)|nobody|no one|second time|already (?:called|told|explained|tried)|every time|for (?:days|weeks|months)|how many times|how long|worried|concerned|stress\w*)\b/gi;
const ACRONYMS = new Set([
  'ID',
  'PIN',
  'OK',
  'USA',
  'UK',
  'TV',
  'SMS',
  'URL',
  'FAQ',
  'ATM',
  'VAT',
  'ASAP',
  'DSL',
  'SIM',
  'IBAN',
  'AM',
  'PM',
  'APP',
  'PC',
  'OS',
  'GPS',
  'WIFI',
]);
/** Redaction placeholders ([CARD], [EMAIL], [PHONE], [SSN], [AGENT]) are not the customer shouting. */
const PLACEHOLDER = /\[[A-Z]+\]/g;

/** Words of three or more capitals that are not acronyms or placeholders. */
export const countCapsWords = (text: string): number =>
  (text.replace(PLACEHOLDER, ' ').match(/\b[A-Z]{3,}\b/g) ?? []).filter((word) => !ACRONYMS.has(word) && !/\d/.test(word)).length;

/** The frustration points of one customer turn: strong cues 2 each, mild cues 1, up to 2 for "!" and 2 for caps. */
export const frustrationPoints = (text: string): number =>
  [...text.matchAll(STRONG)].length * 2 +
  [...text.matchAll(MILD)].length +
  Math.min(2, (text.match(/!/g) ?? []).length) +
  Math.min(2, countCapsWords(text));

export interface FrustrationReading {
  level: Frustration;
  points: number;
  /** The customer's cues, for the rationale (customer words are never evidence for agent behaviours). */
  cues: Hit[];
  /** Points per customer turn, in call order (turn index, points). */
  perTurn: { turn: number; points: number }[];
}

/** The customer's frustration over the call: none, mild (1–3 points) or high (4+, or cues in two turns add one). */
export const readFrustration = (turns: readonly Turn[]): FrustrationReading => {
  let points = 0;
  let turnsWithCues = 0;
  const cues: Hit[] = [];
  const perTurn: { turn: number; points: number }[] = [];
  turns.forEach((turn, index) => {
    if (turn.role !== 'customer') return;
    const turnPoints = frustrationPoints(turn.text);
    perTurn.push({ turn: index, points: turnPoints });
    if (turnPoints === 0) return;
    turnsWithCues += 1;
    points += turnPoints;
    const strong = turn.text.search(STRONG);
    const mild = strong >= 0 ? -1 : turn.text.search(MILD);
    const at = strong >= 0 ? strong : mild >= 0 ? mild : turn.text.search(/!|\b[A-Z]{3,}\b/);
    cues.push({ turn: index, pos: Math.max(0, at), quote: quoteAt(turn.text, Math.max(0, at)) });
  });
  if (turnsWithCues >= 2) points += 1;
  const level: Frustration = points === 0 ? 'none' : points >= 4 ? 'high' : 'mild';
  return { level, points, cues, perTurn };
};
