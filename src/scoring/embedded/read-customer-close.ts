import vader from 'vader-sentiment';
import type { Turn } from '../../domain/types.ts';
import { type FrustrationReading, frustrationPoints } from './read-frustration.ts';

// The customer's side of the outcome: how their last words read (thanks, acceptance, complaints, an open
// question, length, sentiment by VADER, frustration cues), and whether their frustration rose.
// Trained evaluators judge a call largely by how it ended for the customer, so the embedded scorer reads
// the customer's closing turn with a handful of features and combines them with weights fitted on
// human ratings (see customer-close-weights.ts and docs/decisions/0012-embedded-scorer-by-intent.md).

/** Thanks or appreciation. */
const THANKS = /\b(thanks|thank you|thank u|thx|cheers|appreciate\w*|grateful)\b/i;
/** Acceptance or confirmation that it worked, unless negated just before ("not fixed", "still doesn't work"). */
const ACCEPT =
  /\b(ok|okay|great|good|fine|alright|all right|perfect|excellent|got it|understood|makes sense|that works|works now|it works|working now|solved|fixed|resolved|sorted|received|done)\b/gi;
const NEGATED_BEFORE = /(?:\b(?:not|never|no|still|nothing)|n't)\W+(?:\w+\W+){0,2}$/i;
/** Negation and complaint words: the problem is still there, or the customer is unhappy with the answer. */
const COMPLAINT =
  /\b(not|never|still|why|again|nobody|no one|nothing|wrong|useless|terrible|worst|disappoint\w*|ridiculous|unacceptable|can't|cannot|won't|didn't|doesn't|isn't|haven't|hasn't|wasn't|aren't|don't)\b|n't\b/gi;

/** The features of the customer's closing turn, in the order of the fitted weights. */
export const CLOSE_FEATURES = ['thanks', 'accepts', 'complaints', 'asks', 'length', 'sentiment', 'frustration'] as const;
export type CloseFeature = (typeof CLOSE_FEATURES)[number];

/** Linear weights over the closing features: intercept + Σ weight × feature, on the raters' −2..2 scale. */
export interface CloseWeights {
  intercept: number;
  weights: Readonly<Record<CloseFeature, number>>;
}

export interface CustomerClose {
  /** The customer's last turn (index), when the customer spoke more than once; else null. */
  turn: number | null;
  text: string;
  features: Readonly<Record<CloseFeature, number>>;
  /** Whether the customer's frustration rose from their first turn to their last (by 2 points or more). */
  frustrationRose: boolean;
  /** How the call ended for the customer, on the raters' −2..2 scale; null when there is no closing turn. */
  outcome: number | null;
}

const accepts = (text: string): boolean =>
  [...text.matchAll(ACCEPT)].some((match) => !NEGATED_BEFORE.test(text.slice(Math.max(0, match.index - 30), match.index)));

/** The closing features of one text (the customer's last turn). */
export const closeFeatures = (text: string): Record<CloseFeature, number> => ({
  thanks: THANKS.test(text) ? 1 : 0,
  accepts: accepts(text) ? 1 : 0,
  complaints: Math.min(3, [...text.matchAll(COMPLAINT)].length),
  asks: text.includes('?') ? 1 : 0,
  length: Math.log1p(text.split(/\s+/).filter(Boolean).length),
  sentiment: vader.SentimentIntensityAnalyzer.polarity_scores(text).compound,
  frustration: Math.min(4, frustrationPoints(text)),
});

/** Reads the customer's closing turn against the opening one and estimates the outcome with `weights`. */
export const readCustomerClose = (turns: readonly Turn[], frustration: FrustrationReading, weights: CloseWeights): CustomerClose => {
  const first = frustration.perTurn[0];
  const last = frustration.perTurn[frustration.perTurn.length - 1];
  if (first === undefined || last === undefined || first.turn === last.turn) {
    return { turn: null, text: '', features: closeFeatures(''), frustrationRose: false, outcome: null };
  }
  const text = turns[last.turn]?.text ?? '';
  const features = closeFeatures(text);
  const outcome = CLOSE_FEATURES.reduce((sum, feature) => sum + weights.weights[feature] * features[feature], weights.intercept);
  return { turn: last.turn, text, features, frustrationRose: last.points - first.points >= 2, outcome: Math.max(-2, Math.min(2, outcome)) };
};
