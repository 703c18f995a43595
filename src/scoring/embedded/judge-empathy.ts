import { agentTurnAfter, firstHit, type Hit, isBefore, uniqueHits } from './find-hits.ts';
import { allDismissals } from './find-dismissals.ts';
import { clampLevel, customerEffect, effectNote, type Judgement } from './judgement.ts';
import type { CallSignals } from './read-call-signals.ts';

/**
 * Empathy: a genuine acknowledgement of this customer's situation, ideally before the first solution step,
 * and not undone later by blame, dismissal, policy-hiding or "sorry you feel that way". A stock formula
 * earns little; frustration met with no acknowledgement earns least. The customer's side moves the level
 * by one: up when they ended satisfied (never past blame), down when they ended dissatisfied or their
 * frustration rose.
 */
export const judgeEmpathy = ({ turns, firstCustomer, frustration, close, acknowledgements, dismissals, outcomes }: CallSignals): Judgement => {
  const firstStep = firstHit([...outcomes.steps, ...outcomes.done, ...outcomes.routes, ...outcomes.instructions].filter((hit) => hit.turn > firstCustomer));
  const undoing = allDismissals(dismissals);
  const { genuine, stock } = acknowledgements;
  const effect = customerEffect(close);
  const fallback = agentTurnAfter(turns, firstCustomer);
  // A satisfied customer does not excuse blame: once the acknowledgement is undone, only a fall counts.
  const shift = undoing.length > 0 ? Math.min(0, effect) : effect;
  const judged = (base: number, lists: Hit[][], why: string): Judgement => {
    const hits = uniqueHits(lists.flat());
    return { level: clampLevel(base + shift), hits: hits.length > 0 || fallback === undefined ? hits : [fallback], rationale: `${why}${effectNote(shift === 0 ? 0 : effect, close)}` };
  };

  if (genuine.length > 0 && undoing.length > 0) {
    return judged(2, [genuine, undoing], 'acknowledged the customer’s situation, then undid it with blaming, dismissive or policy-first wording');
  }
  if (genuine.length > 0) {
    const first = genuine.some((hit) => isBefore(hit, firstStep));
    return judged(first ? 5 : 3, [genuine], `acknowledged this customer’s situation ${first ? 'before the first solution step' : 'only after moving to the solution'}`);
  }
  if (stock.length > 0 && undoing.length > 0) return judged(1, [stock, undoing], 'only stock sympathy phrases, undone by blaming, dismissive or policy-first wording');
  if (stock.length > 0) return judged(2, [stock], 'only stock sympathy phrases that would fit any call, nothing about this customer’s situation');
  if (frustration.level !== 'none') {
    const cue = frustration.cues[0];
    return judged(1, [firstStep ? [firstStep] : []], `no acknowledgement despite the customer’s frustration${cue ? ` (“${cue.quote}”)` : ''}`);
  }
  return judged(undoing.length > 0 ? 2 : 3, [undoing], 'no acknowledgement of the customer’s situation, but no frustration cues either');
};
