import { countCapsWords } from './read-frustration.ts';
import { allDismissals } from './find-dismissals.ts';
import { agentTurnAfter, findHits, quoteAt, uniqueHits } from './find-hits.ts';
import { clampLevel, customerEffect, effectNote, type Judgement } from './judgement.ts';
import type { CallSignals } from './read-call-signals.ts';

const COURTESY =
  /\b(please|thank you|thanks|i appreciate|happy to|glad to|of course|certainly|absolutely|my pleasure|you(?:'re| are) welcome)\b/gi;

/**
 * Tone: hurt by blame, dismissal, policy-hiding and "sorry you feel that way" (two or more: level 1), and by
 * a raised voice; courtesy held from start to finish is the top. The customer's side moves the level by
 * one: up when they ended satisfied, down when they ended dissatisfied or their frustration rose. Warmth and
 * acknowledgements count as courtesy; with none of it and nothing against, the neutral level is low-confidence.
 */
export const judgeTone = ({ turns, firstCustomer, frustration, close, dismissals, acknowledgements }: CallSignals): Judgement => {
  const negatives = allDismissals(dismissals);
  const effect = customerEffect(close);
  const pressure = frustration.level !== 'none' ? ' under customer frustration' : '';
  const roseNote = effectNote(effect, close);
  const penalty = -effect;
  if (negatives.length > 0) {
    return {
      // A satisfied customer does not excuse blame: only a fall counts here.
      level: clampLevel((negatives.length >= 2 ? 1 : 2) - Math.max(0, penalty)),
      hits: uniqueHits(negatives),
      rationale: `blaming, dismissive or policy-first wording (${negatives.length})${pressure}${effect < 0 ? roseNote : ''}`,
    };
  }
  const shouting = turns.flatMap((turn, index) =>
    turn.role === 'agent' && (countCapsWords(turn.text) >= 2 || turn.text.includes('!!'))
      ? [{ turn: index, pos: 0, quote: quoteAt(turn.text, Math.max(0, turn.text.search(/\b[A-Z]{3,}\b|!!/))) }]
      : [],
  );
  if (shouting.length > 0)
    return {
      level: clampLevel(3 - penalty),
      hits: uniqueHits(shouting),
      rationale: `raised voice (caps or repeated exclamation marks) in agent turns${roseNote}`,
    };
  const middle = turns.length / 2;
  // Warmth and acknowledgements are courtesy too ("sorry to hear that", "I hope things get better").
  const courtesy = [
    ...findHits(turns, 'agent', COURTESY),
    ...acknowledgements.any.filter((hit) => !acknowledgements.stock.includes(hit)),
  ].sort((a, b) => a.turn - b.turn || a.pos - b.pos);
  const early = courtesy.filter((hit) => hit.turn < middle);
  const late = courtesy.filter((hit) => hit.turn >= middle);
  if (early.length > 0 && late.length > 0) {
    return {
      level: clampLevel(5 - penalty),
      hits: uniqueHits([early[0]!, late[late.length - 1]!]),
      rationale: `courteous from start to finish${pressure}, no blame or dismissive wording${roseNote}`,
    };
  }
  if (courtesy.length > 0) {
    return {
      level: clampLevel(4 - penalty),
      hits: uniqueHits(courtesy, 2),
      rationale: `courteous in ${late.length > 0 ? 'the later' : 'the early'} turns only, no blame or dismissive wording${roseNote}`,
    };
  }
  const fallback = agentTurnAfter(turns, firstCustomer);
  // Nothing either way: a neutral level that no evidence supports.
  return {
    level: clampLevel(3 - penalty),
    hits: fallback ? [fallback] : [],
    rationale: `neutral: no blame or dismissive wording, but no courtesy or warmth either${roseNote}`,
    confidence: 'low',
  };
};
