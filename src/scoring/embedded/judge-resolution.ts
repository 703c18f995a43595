import { lastAgentTurn, uniqueHits } from './find-hits.ts';
import { specificsOf } from './find-outcomes.ts';
import { clampLevel, closingWords, type Judgement } from './judgement.ts';
import type { CallSignals } from './read-call-signals.ts';

/** How far the customer's closing outcome (−2..2) moves the agent's level; set in the ADR, checked by bench:validity. */
export const CONFIRMATION_PULL = 2.5;
/** The customer's outcome from which the close counts as a confirmation (about "OK, thanks" and better). */
export const CONFIRMED_FROM = 0.3;

/**
 * Resolution needs a concrete outcome and the customer's confirmation. The agent's side: a completed
 * action with a specific (amount, time, reference) is the most, then a completed action, a route with a
 * specific, instructions, a bare route, and least vague or deflecting answers. The customer's side (their
 * closing words, read by the fitted close model) moves that up or down by CONFIRMATION_PULL per point;
 * level 5 needs both a concrete outcome and a confirmation.
 */
export const judgeResolution = ({ turns, outcomes, close }: CallSignals): Judgement => {
  const specifics = specificsOf(outcomes);
  const { done, routes, instructions, vague } = outcomes;
  let agent: number;
  let what: string;
  if (done.length > 0 && specifics.length > 0) [agent, what] = [4.5, 'a completed action with a concrete amount, time or reference'];
  else if (done.length > 0) [agent, what] = [4, 'a completed action, without an amount, time or reference'];
  else if (routes.length > 0 && specifics.length > 0) [agent, what] = [3.75, 'a committed next step with a concrete time or reference, not yet done'];
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
  const outcome = close.outcome;
  const confirmed = outcome !== null && outcome >= CONFIRMED_FROM;
  const pulled = agent + (outcome === null ? 0 : CONFIRMATION_PULL * outcome);
  const level = clampLevel(Math.min(pulled, concrete && confirmed ? 5 : 4));
  const customer =
    outcome === null ? 'no closing words from the customer' : confirmed ? `the customer confirmed (${closingWords(close.text)})` : `the customer did not confirm (${closingWords(close.text)})`;
  const hits = uniqueHits([...done, ...specifics, ...routes, ...instructions, ...vague]);
  const fallback = lastAgentTurn(turns);
  return { level, hits: hits.length > 0 || fallback === undefined ? hits : [fallback], rationale: `${what}; ${customer}` };
};
