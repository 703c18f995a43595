import { findHits, lastAgentTurn, type Hit, uniqueHits } from './find-hits.ts';
import { clampLevel, customerEffect, effectNote, type Judgement } from './judgement.ts';
import type { CallSignals } from './read-call-signals.ts';

const RECAP = /\b(to recap|to summari[sz]e|in summary|to sum up|quick recap|so today (?:we|i)|as discussed|what we(?:'ve| have) done)\b/gi;
const NEXT_STEPS =
  /\b(you(?:'ll| will) (?:receive|get|see|need to|be able to|hear)|we(?:'ll| will) (?:send|email|call|follow up|contact)|i(?:'ll| will) (?:send|email|call|follow up)|next steps?|expect|keep an eye|look out for|confirmation email|email confirmation)\b/gi;
const ANYTHING_ELSE =
  /\b(anything else|something else|any other (?:questions|concerns|issues)|is there more|if you (?:still )?have (?:any )?(?:other |more |further )?(?:questions|problems))\b/gi;
const GOODBYE =
  /\b(have a (?:great|good|nice|lovely|wonderful|fantastic|pleasant) (?:day|evening|afternoon|morning|weekend|one|night)|thank(?:s| you) for (?:calling|contacting)|take care|goodbye|bye|all the best|enjoy your|you(?:'re| are) welcome|good luck|best of luck|wish you (?:all )?the best|hope (?:this|that|it) helps|hope (?:things|everything|it) (?:gets|works out|goes)|feel free to (?:reach out|get in touch|contact))\b/gi;

/**
 * Close: recap, next steps, a timeline (a real time, not "anything else today"), a check for anything
 * else and a courteous goodbye in the agent's last three turns, one level each above 1. A customer who
 * ends dissatisfied (on an open question or complaint, by the close model) takes one level off: the call
 * ended open. A satisfied customer adds nothing the agent did not do. Well-wishes ("good luck", "hope this
 * helps") are a courteous goodbye. A single agent reply with none of these has no close to judge: not applicable.
 */
export const judgeClose = ({ turns, firstCustomer, close, outcomes: all }: CallSignals): Judgement => {
  const agentTurns = turns.flatMap((turn, index) => (turn.role === 'agent' ? [index] : []));
  const closing = new Set(agentTurns.slice(-3));
  const inClose = (turn: number) => closing.has(turn);
  // The call's outcomes, read once per call (readCallSignals), narrowed to the close.
  const outcomes = { done: all.done.filter((hit) => inClose(hit.turn)), times: all.times.filter((hit) => inClose(hit.turn)) };
  const signals: [string, Hit[]][] = [
    ['recap', [...findHits(turns, 'agent', RECAP, inClose), ...outcomes.done]],
    ['next steps', findHits(turns, 'agent', NEXT_STEPS, inClose)],
    ['timeline', outcomes.times],
    ['"anything else"', findHits(turns, 'agent', ANYTHING_ELSE, inClose)],
    ['courteous goodbye', findHits(turns, 'agent', GOODBYE, inClose)],
  ];
  const present = signals.filter(([, hits]) => hits.length > 0);
  const repliesAfterCustomer = agentTurns.filter((turn) => turn > firstCustomer).length;
  if (present.length === 0 && repliesAfterCustomer <= 1) {
    // A single reply is not a call that ends: there is no close to judge, so the criterion does not apply.
    return { level: 1, hits: [], rationale: 'a single reply with no closing words: there is no close to judge', applicable: false };
  }
  const missing = signals.filter(([, hits]) => hits.length === 0).map(([name]) => name);
  const effect = Math.min(0, customerEffect(close)) as -1 | 0;
  const rationale =
    (present.length === 0
      ? 'no recap, next steps, timeline, "anything else" or goodbye at the close'
      : `close has ${present.map(([name]) => name).join(', ')}${missing.length > 0 ? `; missing ${missing.join(', ')}` : ''}`) +
    effectNote(effect, close);
  const hits = uniqueHits(present.map(([, hits]) => hits[0]!));
  const fallback = lastAgentTurn(turns);
  return { level: clampLevel(1 + present.length + effect), hits: hits.length > 0 || fallback === undefined ? hits : [fallback], rationale };
};
