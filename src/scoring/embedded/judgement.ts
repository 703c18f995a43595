import type { Confidence, Level } from '../../domain/types.ts';
import type { CustomerClose } from './read-customer-close.ts';
import type { Hit } from './find-hits.ts';

/** A judge's verdict on one criterion: the level, the agent quotes behind it, and why. */
export interface Judgement {
  level: Level;
  hits: Hit[];
  rationale: string;
  /** 'low' when no evidence in the call supports the level (the judge had nothing to read); 'high' by default. */
  confidence?: Confidence;
  /** false when the call gives the criterion nothing to apply to (a single reply has no close); the rationale says why. */
  applicable?: false;
}

export const clampLevel = (level: number): Level => Math.min(5, Math.max(1, Math.round(level))) as Level;

/** The customer's closing words for a rationale, shortened: customer words explain a score but are never its evidence. */
export const closingWords = (text: string): string => {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return `“${trimmed.length > 80 ? `${trimmed.slice(0, 77)}…` : trimmed}”`;
};

/** From this outcome (raters' −2..2 scale) the customer ended satisfied; at or below DISSATISFIED_TO, dissatisfied. */
export const SATISFIED_FROM = 0.25;
export const DISSATISFIED_TO = -0.25;

/**
 * The customer's side of a behaviour, as a level shift: +1 when the customer ended satisfied, −1 when they
 * ended dissatisfied or their frustration rose, 0 when their closing words say neither (or there are none).
 */
export const customerEffect = (close: CustomerClose): -1 | 0 | 1 => {
  if (close.outcome === null) return 0;
  if (close.outcome <= DISSATISFIED_TO || close.frustrationRose) return -1;
  return close.outcome >= SATISFIED_FROM ? 1 : 0;
};

/** The customer-effect clause of a rationale. */
export const effectNote = (effect: -1 | 0 | 1, close: CustomerClose): string =>
  effect === 0 ? '' : `; the customer ended ${effect > 0 ? 'satisfied' : 'dissatisfied'} (${closingWords(close.text)})`;
