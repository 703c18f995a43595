import { lastAgentTurn, uniqueHits } from './find-hits.ts';
import { specificsOf } from './find-outcomes.ts';
import { clampLevel, closingWords, type Judgement } from './judgement.ts';
import type { CallSignals } from './read-call-signals.ts';

/** How far the customer's closing outcome (−2..2) moves the agent's level; set in the ADR, checked by bench:validity. */
export const CONFIRMATION_PULL = 2.5;
/** The customer's outcome from which the close counts as a confirmation (about "OK, thanks" and better). */
export const CONFIRMED_FROM = 0.3;
/** Levels taken off per agent turn that could not do or find what was asked, and per customer correction, and at most. */
export const SETBACK_COST = { failedTurn: 0.4, correction: 0.5, most: 1.25 } as const;

/** The customer correcting the agent or asking again: what was understood or done was not what they asked for. */
const CORRECTION =
  /\b(?:no,? (?:i|that's not|it's|not)|that(?:'s| is) not (?:what|right|correct)|i (?:said|asked for|wanted|meant|need(?:ed)?) (?:a |an |the )?\w+,? not|not what i (?:asked|wanted|meant|said)|i already (?:told|said|gave)|as i (?:said|told you)|wrong|you (?:didn't|did not|don't) (?:understand|listen)|still (?:not|doesn't|hasn't|isn't|can't)|again\?)/i;

/**
 * Resolution needs a concrete outcome and the customer's confirmation. The agent's side: a completed
 * action with a specific (amount, time, reference) is the most, then a completed action, a route with a
 * specific, instructions, a bare route, and least vague or deflecting answers. The customer's side (their
 * closing words, read by the fitted close model) moves that up or down by CONFIRMATION_PULL per point;
 * level 5 needs both a concrete outcome and a confirmation.
 */
export const judgeResolution = ({ turns, outcomes, close }: CallSignals): Judgement => {
  const lastCustomer = turns.findLastIndex((turn) => turn.role === 'customer');
  const specifics = specificsOf(outcomes);
  const { done, routes, instructions, vague } = outcomes;
  let agent: number;
  let what: string;
  if (done.length > 0 && specifics.length > 0) [agent, what] = [4.5, 'a completed action with a concrete amount, time or reference'];
  else if (done.length > 0) [agent, what] = [4, 'a completed action, without an amount, time or reference'];
  else if (routes.length > 0 && specifics.length > 0)
    [agent, what] = [3.75, 'a committed next step with a concrete time or reference, not yet done'];
  else if (instructions.length > 0) [agent, what] = [3.25, 'instructions the customer can follow, no completed action'];
  else if (specifics.length > 0) [agent, what] = [3, 'a concrete amount, time or reference, but no completed action'];
  else if (routes.length > 0) [agent, what] = [2.75, 'a next step with no time or reference'];
  else if (vague.length > 0) [agent, what] = [1.25, 'only vague, defeatist or deflecting answers'];
  else [agent, what] = [2, 'no concrete action or result stated'];
  const concrete = done.length > 0 || (routes.length > 0 && specifics.length > 0);
  if (vague.length > 0 && agent > 1.25) {
    agent -= 0.75;
    what += ', with vague or deflecting wording';
  }
  // Setbacks on the way: turns where the agent could not do or find what was asked, customer corrections
  // (before their closing turn, which the close model reads).
  const failedTurns = new Set(outcomes.failures.map((hit) => hit.turn)).size;
  const corrections = turns.filter(
    (turn, index) => turn.role === 'customer' && index !== lastCustomer && CORRECTION.test(turn.text),
  ).length;
  const setback = Math.min(SETBACK_COST.most, SETBACK_COST.failedTurn * failedTurns + SETBACK_COST.correction * corrections);
  if (setback > 0) {
    what += `, with ${[
      ...(failedTurns > 0
        ? [`${failedTurns} turn${failedTurns === 1 ? '' : 's'} where the agent could not do or find what was asked`]
        : []),
      ...(corrections > 0 ? [`${corrections} customer correction${corrections === 1 ? '' : 's'}`] : []),
    ].join(' and ')}`;
  }
  const outcome = close.outcome;
  const confirmed = outcome !== null && outcome >= CONFIRMED_FROM;
  // Setbacks count after the customer's closing words: a "thanks, bye" does not undo a failed search.
  const pulled = Math.min(agent + (outcome === null ? 0 : CONFIRMATION_PULL * outcome), concrete && confirmed && setback === 0 ? 5 : 4);
  const level = clampLevel(pulled - setback);
  const customer =
    outcome === null
      ? 'no closing words from the customer'
      : confirmed
        ? `the customer confirmed (${closingWords(close.text)})`
        : `the customer did not confirm (${closingWords(close.text)})`;
  const hits = uniqueHits([...done, ...specifics, ...routes, ...instructions, ...vague]);
  const fallback = lastAgentTurn(turns);
  return { level, hits: hits.length > 0 || fallback === undefined ? hits : [fallback], rationale: `${what}; ${customer}` };
};
