import type { Turn } from '../../domain/types.ts';
import { findHits, type Hit } from './find-hits.ts';

// What the agent actually delivered, by intent: a completed action, a concrete specific (an amount, a
// time the customer can hold them to, a reference), a route with a next step, instructions the customer
// can follow, or only vague, defeatist or deflecting answers.

const FIX_VERBS =
  'processed|issued|applied|reset|sent|refunded|credited|updated|booked|scheduled|cancel+ed|fixed|replaced|reissued|activated|reactivated|unlocked|waived|changed|corrected|reversed|arranged|ordered|added|removed|modified|restored|recovered|released|shipped|dispatched|delivered|returned|resolved|upgraded|adjusted|extended|renewed|approved|rebooked|repaired|paid|compensated|submitted';
/** A completed fix: "I've refunded", "we have reset", "it has been replaced", "it is now working". */
const DONE = new RegExp(
  `\\b(?:(?:i|we)(?:'ve| have)(?: (?:gone ahead and|just|now|already|successfully))? (?:${FIX_VERBS})|(?:has|have) (?:now |already |just )?been (?:${FIX_VERBS})|is now (?:fixed|working|active|resolved|updated|unlocked|back on|live))\\b`,
  'gi',
);
/** A route with a next step: the case was passed on, or the agent commits to an action. */
const ROUTE =
  /\b(?:(?:i|we)(?:'ve| have)(?: (?:just|now|already))? (?:escalated|raised|logged|passed|forwarded|flagged|reported|noted|transferred|opened|created|submitted)|(?:i|we)(?:'ll| will| shall|'m going to| am going to| are going to) (?:send|arrange|book|call|email|refund|replace|credit|process|escalate|raise|reset|fix|ship|deliver|schedule|contact|update|issue|cancel))\b/gi;
const REFERENCE =
  /(?:\b(?:reference|ticket|case|confirmation|tracking|order|booking)(?: number| no\.?| id| code)?(?: is)?:?\s*#?[A-Z0-9-]*\d[A-Z0-9-]*|\b[A-Z]{2,}-?\d{3,}\b)/g;
const AMOUNT = /(?:[$£€¥]\s?\d+(?:[.,]\d{1,2})?|\b\d+(?:[.,]\d{1,2})? ?(?:dollars|pounds|euros|yuan|rmb|usd|eur|gbp)\b|\b\d+\.\d{2}\b)/gi;
/** A time the customer can hold the agent to. Bare "today" is not one ("anything else today"); "by today" is. */
const TIME =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|within (?:\d+|an?|one|two|three|24|48|72) (?:business |working )?(?:minutes?|hours?|days?|weeks?)|in (?:\d+|an?|one|two|three) (?:business |working )?(?:minutes?|hours?|days?|weeks?)|\d+ (?:business |working )?(?:minutes|hours|days)|(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)? of (?:january|february|march|april|may|june|july|august|september|october|november|december)|\d{1,2}(?::\d{2})? ?(?:am|pm)|(?:by|before|until|end of) (?:today|tonight)|(?:arrive|arriving|delivered|refunded|credited|fixed|sent|back on|working|ready|done|processed)\b[^.?!,]{0,20}\b(?:today|tonight))\b/gi;
/** Instructions the customer can follow themselves. */
const INSTRUCTIONS =
  /\b(?:please|you can|you could|you need to|you'll need to|try(?: to)?|simply|just|first|then) (?:go to|open|tap|click|select|enter|restart|reboot|reinstall|update|log in|sign in|clear|turn (?:it )?(?:on|off)|switch (?:it )?(?:on|off)|unplug|press|follow|download|install|check (?:the|your) settings)\b|->/gi;
/** Vague, defeatist or deflecting: no outcome, or the customer sent somewhere else to get one. */
const VAGUE =
  /\b(?:someone will (?:look into|get back|call you|contact you)|i don't know|i(?:'m| am) not sure|not sure|i(?:'ll| will) see what i can do|you(?:'ll| will) have to call back|call back later|try again later|nothing (?:i|we) can do|can't help|maybe|might be able|hopefully|should be fine|as soon as possible|asap|in due course|(?:send|message|dm) us (?:a |via |by |through )?(?:private|direct) message|contact (?:the |your )?(?:\w+ )?(?:department|team|store|shop|seller|manufacturer|hotline|bank))\b/gi;

/** The agent could not do or find what was asked: nothing available, nothing found, a booking that failed. */
const FAILURE =
  /\b(?:there (?:are|is|were|was) no(?:thing)?\b|(?:i|we) (?:couldn't|could not|can't|cannot|can not|wasn't able to|was unable to|am unable to|were unable to|don't have|do not have) (?:find|book|locate|see|get|reserve|make|help|do|fix|access|have|any)|(?:no|none) (?:available|results?|matches?|availability|record|rooms?|tables?|tickets?|seats?|trains?|flights?|hotels?|restaurants?)|(?:is|are|was|were) (?:not available|unavailable|fully booked|sold out|booked up|closed)|(?:booking|reservation|payment|request) (?:was |has )?(?:unsuccessful|failed|declined|rejected)|unfortunately|not possible|does not (?:exist|match)|doesn't (?:exist|match))/gi;
/** A first step toward a solution, done or announced ("let me check", "I'll reset"): empathy should come before it. */
const STEP =
  /\b(?:let me|let's|i(?:'ll| will)|i can(?! (?:see|imagine|hear|understand|tell|only))|i(?:'m| am) going to|we(?:'ll| will| can)|i(?:'ve| have) (?:gone|checked|found|pulled|looked)|refund\w*|credit(?:ed)?|reset|replace\w*|reissue\w*|rebook\w*|escalat\w*|transfer you|look (?:into|up)|pull up|check (?:on|that|your|the))\b/gi;

export interface Outcomes {
  steps: Hit[];
  done: Hit[];
  routes: Hit[];
  references: Hit[];
  amounts: Hit[];
  times: Hit[];
  instructions: Hit[];
  vague: Hit[];
  /** Could not do or find what was asked. */
  failures: Hit[];
}

/** The outcome cues in the agent turns. */
export const findOutcomes = (turns: readonly Turn[]): Outcomes => ({
  steps: findHits(turns, 'agent', STEP),
  done: findHits(turns, 'agent', DONE),
  routes: findHits(turns, 'agent', ROUTE),
  references: findHits(turns, 'agent', REFERENCE),
  amounts: findHits(turns, 'agent', AMOUNT),
  times: findHits(turns, 'agent', TIME),
  instructions: findHits(turns, 'agent', INSTRUCTIONS),
  vague: findHits(turns, 'agent', VAGUE),
  failures: findHits(turns, 'agent', FAILURE),
});

/** The concrete specifics (reference, amount, time) among `outcomes`. */
export const specificsOf = (outcomes: Outcomes): Hit[] => [...outcomes.references, ...outcomes.amounts, ...outcomes.times];
