import type { Turn } from '../../domain/types.ts';
import { findHits, type Hit } from './find-hits.ts';

// Wording that undoes empathy and hurts tone: blaming the customer, dismissing them, hiding behind policy
// without offering what can be done, and the non-apology "sorry you feel that way".

const BLAME =
  /\b(?:you should have|you should've|you must have|you were supposed to|you didn't (?:read|follow|check|listen)|(?:it's|it is|that's|that is) (?:your (?:fault|responsibility|problem)|on you)|your fault|you need to listen|listen to me|you people)\b/gi;
const DISMISSAL =
  /\b(?:calm down|cool (?:yourself )?down|whatever|obviously|as i (?:already )?(?:said|told you|explained)|i (?:already )?told you|(?:that's|that is|it's|it is) not (?:my|our) (?:problem|fault|department|responsibility)|not my (?:problem|fault)|there(?:'s| is) nothing (?:more )?(?:i|we) can do|i can't help you|i don't know what (?:else )?to tell you|don't (?:shout|yell)|no need to (?:shout|be rude)|that's just how it is|take it or leave it|get a grip|get over it|man up|toughen up|stop (?:whining|complaining|moaning)|everyone has (?:problems|it worse)|(?:it's|it is|that's|that is) not (?:that |such )?a big deal|(?:it )?could (?:always )?be worse|first world problems?)\b/gi;
const POLICY =
  /\b(?:policy (?:says|is|states|doesn't|does not)|(?:it's|it is|that's|that is) (?:our |company |the )?(?:policy|procedure|rules?)|per (?:our )?policy|rules are rules|i(?:'m| am) not (?:allowed|authori[sz]ed|permitted) to|(?:our|the) system (?:doesn't|does not|won't|will not) (?:allow|let)|\w+s must be (?:filed|submitted|made|reported|received|returned|claimed|requested|raised) (?:within|before|by|no later))\b/gi;
/** Policy is not hiding when the agent offers what they can do instead. */
const ALTERNATIVE =
  /\b(?:what (?:i|we) can do|but (?:i|we) can|instead,? (?:i|we)|(?:i|we) can offer|(?:i|we)(?:'ll| will) (?:arrange|send|book|credit|refund))\b/i;
const FEEL_THAT_WAY =
  /\b(?:sorry (?:that |if )?you feel (?:that way|like that|this way)|sorry you see it that way|sorry if (?:you|that) (?:were|was|feel|felt) (?:upset|offended|that way))\b/gi;

export interface Dismissals {
  blame: Hit[];
  dismissal: Hit[];
  policy: Hit[];
  feelThatWay: Hit[];
}

/** Every blaming, dismissive, policy-hiding or "sorry you feel that way" cue in the agent turns. */
export const findDismissals = (turns: readonly Turn[]): Dismissals => ({
  blame: findHits(turns, 'agent', BLAME),
  dismissal: findHits(turns, 'agent', DISMISSAL),
  policy: findHits(turns, 'agent', POLICY).filter((hit) => !ALTERNATIVE.test(turns[hit.turn]?.text ?? '')),
  feelThatWay: findHits(turns, 'agent', FEEL_THAT_WAY),
});

/** All the cues of `dismissals` in one list. */
export const allDismissals = (dismissals: Dismissals): Hit[] => [
  ...dismissals.blame,
  ...dismissals.dismissal,
  ...dismissals.policy,
  ...dismissals.feelThatWay,
];
