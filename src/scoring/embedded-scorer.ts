import type {
  CallTypeDef,
  Criterion,
  CriterionResult,
  Evidence,
  Frustration,
  Level,
  ScoreRequest,
  ScoreResult,
  Scorer,
  Turn,
} from '../domain/types.ts';
import { verifyEvidence } from '../domain/verify-evidence.ts';
import { levelToScore, weightedOverall } from '../domain/weighted-overall.ts';
import { appliesToCallType } from './criteria-for-call-type.ts';

/**
 * The embedded scorer: deterministic, offline rules over the turns, for when no LLM is configured.
 * Every rationale and summary says it is the embedded offline scorer. It reads behavioural signals by
 * intent family (several wordings per family, not one phrase):
 * - frustration: anger/annoyance words, repeat contact, supervisor/complaint, exclamation marks, caps;
 * - empathy: an acknowledgement of the customer's feelings or experience before the first solution step;
 * - active listening: paraphrase/confirmation markers, the customer's specifics echoed, clarifying
 *   questions; curt replies to long customer turns count against;
 * - tone: blame or dismissive wording, policy without empathy, shouting; courtesy held into later turns;
 * - resolution: a completed action, a reference, an amount or date versus vague or defeatist answers;
 * - close: recap, next steps, timeline, "anything else", a courteous goodbye in the last agent turns.
 * Criterion keys are matched by meaning (empathy, listen, tone, resolution/resolve, close/follow); a
 * criterion it has no rule for is scored not applicable with that reason.
 */

export const EMBEDDED_MODEL = 'embedded-rules-v1';
const LABEL = 'Embedded offline scorer';

interface Hit {
  turn: number;
  pos: number;
  quote: string;
}

const toEvidence = (turns: readonly Turn[], hit: Hit): Evidence => ({ turn: hit.turn, role: turns[hit.turn]?.role ?? 'agent', quote: hit.quote });

/** The sentence of `text` around `index`, verbatim. */
const sentenceAround = (text: string, index: number): string => {
  let start = index;
  while (start > 0 && !/[.!?]\s/.test(text.slice(start - 2, start))) start -= 1;
  const boundary = /[.!?]+(?=\s|$)/g;
  boundary.lastIndex = index;
  const found = boundary.exec(text);
  const end = found === null ? text.length : found.index + found[0].length;
  return text.slice(start, end).trim();
};

const globalise = (pattern: RegExp): RegExp => new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);

/** Every match of `pattern` in the turns of `role` whose index passes `within`, as sentence hits. */
const findAll = (turns: readonly Turn[], role: Turn['role'], pattern: RegExp, within: (turn: number) => boolean = () => true): Hit[] => {
  const hits: Hit[] = [];
  turns.forEach((turn, index) => {
    if (turn.role !== role || !within(index)) return;
    for (const match of turn.text.matchAll(globalise(pattern))) {
      hits.push({ turn: index, pos: match.index, quote: sentenceAround(turn.text, match.index) });
    }
  });
  return hits;
};

const before = (a: Hit, b: Hit | undefined): boolean => b === undefined || a.turn < b.turn || (a.turn === b.turn && a.pos < b.pos);
const firstHit = (hits: readonly Hit[]): Hit | undefined => hits.reduce<Hit | undefined>((min, hit) => (before(hit, min) ? hit : min), undefined);
const uniqueQuotes = (hits: readonly Hit[], max = 3): Hit[] => {
  const seen = new Set<string>();
  return hits.filter((hit) => {
    const key = `${hit.turn}:${hit.quote}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, max);
};
const clampLevel = (level: number): Level => Math.min(5, Math.max(1, Math.round(level))) as Level;

// --- signals -----------------------------------------------------------------------------------------

const STRONG_FRUSTRATION =
  /\b(ridiculous|unacceptable|outrageous|furious|disgusting|useless|incompetent|supervisor|manager|complaint|complain|third time|fourth time|so many times|lawyer|cancel my (?:account|contract|subscription)|worst|fed up|sick of|waste of (?:my )?time|this is a joke)\b/gi;
const MILD_FRUSTRATION =
  /\b(frustrat\w*|annoy\w*|angry|upset|disappoint\w*|terrible|awful|(?:calling|called|happened|broken|charged|failed) again|still (?:not|hasn't|haven't|isn't|doesn't|don't|no)|nobody|no one|second time|already (?:called|told|explained|tried)|every time|for (?:days|weeks|months)|how many times|how long|worried|concerned|stress\w*)\b/gi;
const ACRONYMS = new Set(['ID', 'PIN', 'OK', 'USA', 'UK', 'TV', 'SMS', 'URL', 'FAQ', 'ATM', 'VAT', 'ASAP', 'DSL', 'SIM', 'IBAN', 'AM', 'PM']);
/** Redaction placeholders ([CARD], [EMAIL], [PHONE], [SSN]) are not the customer shouting. */
const REDACTION_PLACEHOLDER = /\[[A-Z]+\]/g;
const capsWords = (text: string): number =>
  (text.replace(REDACTION_PLACEHOLDER, ' ').match(/\b[A-Z]{3,}\b/g) ?? []).filter((word) => !ACRONYMS.has(word) && !/\d/.test(word)).length;

interface FrustrationSignal {
  level: Frustration;
  points: number;
  cues: Hit[];
}

const readFrustration = (turns: readonly Turn[]): FrustrationSignal => {
  let points = 0;
  let turnsWithCues = 0;
  const cues: Hit[] = [];
  turns.forEach((turn, index) => {
    if (turn.role !== 'customer') return;
    const strong = [...turn.text.matchAll(STRONG_FRUSTRATION)];
    const mild = [...turn.text.matchAll(MILD_FRUSTRATION)];
    const exclamations = Math.min(2, (turn.text.match(/!/g) ?? []).length);
    const caps = Math.min(2, capsWords(turn.text));
    const turnPoints = strong.length * 2 + mild.length + exclamations + caps;
    if (turnPoints === 0) return;
    turnsWithCues += 1;
    points += turnPoints;
    const at = strong[0]?.index ?? mild[0]?.index ?? turn.text.search(/!|\b[A-Z]{3,}\b/);
    cues.push({ turn: index, pos: Math.max(0, at), quote: sentenceAround(turn.text, Math.max(0, at)) });
  });
  if (turnsWithCues >= 2) points += 1;
  const level: Frustration = points === 0 ? 'none' : points >= 4 ? 'high' : 'mild';
  return { level, points, cues };
};

const FEELING =
  '(?:frustrat\\w*|upset\\w*|annoy\\w*|concern\\w*|stress\\w*|worr\\w*|difficult|hard|inconvenien\\w*|disappoint\\w*|confus\\w*|angry|anger|exhaust\\w*|hassle|awful|unfair|scar\\w*|nightmare|fed up|tough|overwhelm\\w*|upsetting|tiring|annoying|painful)';
const EXPERIENCE = "(?:you(?:'ve| have)? had to|you've been|you have been|been through|(?:three|two|several|so many|multiple) times|calling back|on hold|the wait|waiting|dealing with)";
const PERSPECTIVE =
  "(?:i (?:completely |totally |really |fully |can |do )?understand|i can (?:see|imagine|hear|tell|only imagine)|i hear you|i know how|i(?:'m| am) (?:so |really |very |truly |terribly )?sorry|i apologi[sz]e|my apologies|(?:that|this|it) (?:sounds|must (?:be|have been)|would be|is|has been|was)|no wonder|you(?:'re| are) right to|i(?:'d| would) (?:be|feel)|i get (?:it|that|why|how))";
const STRONG_ACK = new RegExp(`\\b${PERSPECTIVE}\\b[^.!?]{0,60}?\\b(?:${FEELING}|${EXPERIENCE})`, 'gi');
const VALIDATION = /\b(no wonder you(?:'re| are)|you(?:'re| are) right to be|you have every right to|anyone would be|i(?:'d| would) (?:be|feel) (?:the same|frustrated|upset|annoyed) too|i would feel the same)\b/gi;
const WEAK_ACK = /\b(i understand|i(?:'m| am) (?:so |really |very )?sorry|i apologi[sz]e|my apologies|thank you for (?:your patience|bearing with me)|sorry (?:for|about) (?:the|any) inconvenience)\b/gi;
const SOLUTION =
  /\b(let me|let's|i(?:'ll| will)|i can(?! (?:see|imagine|hear|understand|tell|only))|i(?:'ve| have) (?:gone|processed|issued|applied|reset|sent|refunded|credited|updated|booked|scheduled|cancelled|fixed|raised|escalated|checked|found|pulled)|i(?:'m| am) going to|we(?:'ll| will| can)|refund\w*|credit(?:ed)?|reset|replace\w*|reissue\w*|rebook\w*|escalat\w*|transfer you|look (?:into|up)|pull up|check (?:on|that|your|the))\b/gi;

const PARAPHRASE =
  /\b(so what i(?:'m| am) hearing|what i(?:'m| am) hearing is|just to confirm|to confirm|just so i(?:'m| am) clear|you mentioned|you said|you(?:'ve| have) (?:said|mentioned|told me)|if i understand(?: you)? correctly|if i(?:'ve| have) understood|so you(?:'re| are) saying|so it sounds like|it sounds like you|let me make sure i|to make sure i understand|let me repeat that|so your\b[^.?!]{0,80}\?|so you\b[^.?!]{0,80}\?)/gi;
const STOPWORDS = new Set(
  'that this with have from they them their there then than what when where which would could should about your yours just like been were will into also only very really okay yeah hello thanks thank please sure right well know need want said told call calling help today some much more here because going does didn doesn isn wasn aren haven hasn cant dont able after again back being both each even ever every first last make made over same such take tell them these those though through under until upon while without yes'.split(' '),
);
const contentStems = (text: string): Set<string> => {
  const stems = new Set<string>();
  for (const raw of text.toLowerCase().match(/[a-z]+|\d+(?:[.,]\d+)?/g) ?? []) {
    if (/^\d/.test(raw)) stems.add(raw);
    else if (raw.length >= 4 && !STOPWORDS.has(raw)) stems.add(raw.slice(0, 5));
  }
  return stems;
};
const CLOSING_QUESTION = /\b(anything else|something else|any other|how (?:can|may) i help)\b/i;

const BLAME =
  /\b(you should have|you should've|calm down|(?:that's|that is) not my (?:problem|fault|department)|not my (?:problem|fault)|there(?:'s| is) nothing i can do|as i (?:already )?(?:said|told you|explained)|i (?:already )?told you|you need to listen|listen to me|whatever|you didn't read|(?:it's|it is) your (?:fault|responsibility)|your fault|obviously|i can't help you|don't (?:shout|yell)|you people)\b/gi;
const POLICY = /\b(policy (?:says|is|states)|(?:it's|it is) (?:our |company )?policy|per (?:our )?policy)\b/gi;
const COURTESY = /\b(please|thank you|thanks|i appreciate|happy to|glad to|of course|certainly|absolutely|my pleasure|sorry|apologi[sz]e|you(?:'re| are) welcome)\b/gi;

const DONE =
  /\b(i(?:'ve| have)(?: gone ahead and| just| now)? (?:processed|issued|applied|reset|sent|refunded|credited|updated|booked|scheduled|cancel+ed|fixed|replaced|reissued|raised|activated|unlocked|waived|changed|corrected|reversed|arranged|ordered|added|removed)|(?:has|have) (?:now )?been (?:processed|issued|applied|reset|sent|refunded|credited|updated|booked|scheduled|cancel+ed|fixed|replaced|resolved|reversed|waived|activated|unlocked)|is now (?:fixed|working|active|resolved|updated|unlocked|back on))\b/gi;
const REFERENCE = /(\b(?:reference|ticket|case|confirmation|tracking)(?: number| no\.?| id)?(?: is)?:?\s*#?[A-Z0-9-]*\d[A-Z0-9-]*|\b[A-Z]{2,}-?\d{3,}\b)/g;
const AMOUNT = /([$£€]\s?\d+(?:[.,]\d{2})?|\b\d+\.\d{2}\b|\b\d+ (?:dollars|pounds|euros)\b)/gi;
const TIMELINE =
  /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today|within \d+|in \d+ (?:business |working )?(?:days|hours|weeks)|\d+ (?:business |working )?(?:days|hours)|(?:january|february|march|april|june|july|august|september|october|november|december)\b|\d{1,2}(?:st|nd|rd|th))\b/gi;
const VAGUE =
  /\b(someone will (?:look into|get back|call you)|i don't know|i(?:'m| am) not sure|not sure|i(?:'ll| will) see what i can do|you(?:'ll| will) have to call back|call back later|nothing i can do|can't help|maybe|might be able|hopefully|should be fine)\b/gi;

const RECAP = /\b(to recap|to summari[sz]e|in summary|to sum up|quick recap|so today (?:we|i)|as discussed|what we(?:'ve| have) done)\b/gi;
const NEXT_STEPS =
  /\b(you(?:'ll| will) (?:receive|get|see|need to|be able to|hear)|we(?:'ll| will) (?:send|email|call|follow up|contact)|i(?:'ll| will) (?:send|email|call|follow up)|next steps?|expect|keep an eye|look out for|confirmation email|email confirmation)\b/gi;
const ANYTHING_ELSE = /\b(anything else|something else|any other (?:questions|concerns|issues)|is there more)\b/gi;
const GOODBYE =
  /\b(have a (?:great|good|nice|lovely|wonderful|fantastic|pleasant) (?:day|evening|afternoon|morning|weekend|one|night)|thank(?:s| you) for calling|take care|goodbye|bye|all the best|enjoy your)\b/gi;

// --- criteria ----------------------------------------------------------------------------------------

interface Judgement {
  level: Level;
  hits: Hit[];
  rationale: string;
}

interface CallSignals {
  turns: readonly Turn[];
  frustration: FrustrationSignal;
  firstCustomer: number;
}

const judgeEmpathy = ({ turns, frustration, firstCustomer }: CallSignals): Judgement => {
  const after = (turn: number) => turn > firstCustomer;
  const solution = firstHit(findAll(turns, 'agent', SOLUTION, after));
  const strong = [...findAll(turns, 'agent', STRONG_ACK, after), ...findAll(turns, 'agent', VALIDATION, after)];
  const weak = findAll(turns, 'agent', WEAK_ACK, after);
  const strongBefore = strong.filter((hit) => before(hit, solution));
  const weakBefore = weak.filter((hit) => before(hit, solution));
  const frustrated = frustration.level !== 'none';
  if (strongBefore.length > 0) {
    return { level: 5, hits: uniqueQuotes([...strongBefore, ...frustration.cues.slice(0, 1)]), rationale: 'acknowledged the customer’s feelings or experience before the first solution step' };
  }
  if (strong.length > 0) {
    return { level: 3, hits: uniqueQuotes([...strong, ...(solution ? [solution] : [])]), rationale: 'acknowledged the customer’s experience, but only after moving to the solution' };
  }
  if (weakBefore.length > 0) {
    return { level: 3, hits: uniqueQuotes(weakBefore), rationale: 'a stock apology or "I understand" before the solution, without naming the customer’s feelings or experience' };
  }
  if (weak.length > 0) return { level: 2, hits: uniqueQuotes(weak), rationale: 'only a stock apology, after moving to the solution' };
  if (frustrated) {
    return { level: 1, hits: uniqueQuotes([...frustration.cues.slice(0, 2), ...(solution ? [solution] : [])]), rationale: 'moved to resolution with no acknowledgement despite frustration cues from the customer' };
  }
  return { level: 3, hits: [], rationale: 'no acknowledgement of the customer’s experience, but no frustration cues either' };
};

const judgeListening = ({ turns, firstCustomer }: CallSignals): Judgement => {
  const after = (turn: number) => turn > firstCustomer;
  const paraphrases = findAll(turns, 'agent', PARAPHRASE, after);
  const paraphraseTurns = new Set(paraphrases.map((hit) => hit.turn)).size;
  const reflections: Hit[] = [];
  const questions: Hit[] = [];
  let curt = 0;
  const curtHits: Hit[] = [];
  turns.forEach((turn, index) => {
    if (turn.role !== 'customer') return;
    const reply = turns.findIndex((next, j) => j > index && next.role === 'agent');
    const agentTurn = turns[reply];
    if (agentTurn === undefined) return;
    const shared = [...contentStems(turn.text)].filter((stem) => contentStems(agentTurn.text).has(stem));
    if (shared.length >= 2) {
      const at = Math.max(0, Math.min(...shared.map((stem) => agentTurn.text.toLowerCase().indexOf(stem)).filter((i) => i >= 0)));
      reflections.push({ turn: reply, pos: at, quote: sentenceAround(agentTurn.text, at) });
    }
    const words = turn.text.split(/\s+/).filter(Boolean).length;
    const replyWords = agentTurn.text.split(/\s+/).filter(Boolean).length;
    if (words >= 12 && replyWords <= 3 && !agentTurn.text.includes('?')) {
      curt += 1;
      curtHits.push({ turn: reply, pos: 0, quote: agentTurn.text.trim() });
    }
  });
  turns.forEach((turn, index) => {
    if (turn.role !== 'agent' || !after(index)) return;
    for (const match of turn.text.matchAll(/[^.!?]*\?/g)) {
      if (!CLOSING_QUESTION.test(match[0])) questions.push({ turn: index, pos: match.index, quote: match[0].trim() });
    }
  });
  const raw = 1.5 * Math.min(paraphraseTurns, 2) + Math.min(reflections.length, 3) + 0.5 * Math.min(questions.length, 2) - curt;
  const level = clampLevel(raw >= 4 ? 5 : raw >= 2.5 ? 4 : raw >= 1.5 ? 3 : raw >= 0.5 ? 2 : 1);
  const parts = [
    `${paraphraseTurns} paraphrase/confirmation${paraphraseTurns === 1 ? '' : 's'}`,
    `${reflections.length} repl${reflections.length === 1 ? 'y' : 'ies'} echoing the customer’s specifics`,
    `${questions.length} clarifying question${questions.length === 1 ? '' : 's'}`,
    ...(curt > 0 ? [`${curt} curt repl${curt === 1 ? 'y' : 'ies'} to a long customer turn`] : []),
  ];
  return { level, hits: uniqueQuotes([...paraphrases, ...reflections, ...questions, ...curtHits]), rationale: parts.join(', ') };
};

const judgeTone = ({ turns, frustration }: CallSignals): Judgement => {
  const blame = findAll(turns, 'agent', BLAME);
  const policy = findAll(turns, 'agent', POLICY).filter((hit) => {
    const text = turns[hit.turn]?.text ?? '';
    return !new RegExp(STRONG_ACK.source, 'i').test(text) && !new RegExp(WEAK_ACK.source, 'i').test(text);
  });
  const shouting = turns.flatMap((turn, index) =>
    turn.role === 'agent' && (capsWords(turn.text) >= 2 || turn.text.includes('!!')) ? [{ turn: index, pos: 0, quote: sentenceAround(turn.text, Math.max(0, turn.text.search(/\b[A-Z]{3,}\b|!!/))) }] : [],
  );
  const negatives = [...blame, ...policy];
  if (negatives.length > 0) {
    return {
      level: negatives.length >= 2 ? 1 : 2,
      hits: uniqueQuotes([...negatives, ...frustration.cues.slice(0, 1)]),
      rationale: `blaming, dismissive or policy-first wording (${negatives.length})${frustration.level !== 'none' ? ' while the customer was frustrated' : ''}`,
    };
  }
  if (shouting.length > 0) return { level: 3, hits: uniqueQuotes(shouting), rationale: 'raised voice (caps or repeated exclamation marks) in agent turns' };
  const middle = turns.length / 2;
  const courtesy = findAll(turns, 'agent', COURTESY);
  const early = courtesy.filter((hit) => hit.turn < middle);
  const late = courtesy.filter((hit) => hit.turn >= middle);
  const pressure = frustration.level !== 'none' ? ' under customer frustration' : '';
  if (early.length > 0 && late.length > 0) {
    return { level: 5, hits: uniqueQuotes([early[0]!, late[late.length - 1]!]), rationale: `courteous from start to finish${pressure}, no blame or dismissive wording` };
  }
  if (courtesy.length > 0) return { level: 4, hits: uniqueQuotes(courtesy, 2), rationale: `courteous in ${late.length > 0 ? 'the later' : 'the early'} turns only, no blame or dismissive wording` };
  return { level: 3, hits: [], rationale: 'neutral: no blame or dismissive wording, but no courtesy markers' };
};

const judgeResolution = ({ turns }: CallSignals): Judgement => {
  const done = findAll(turns, 'agent', DONE);
  const specifics = [...findAll(turns, 'agent', REFERENCE), ...findAll(turns, 'agent', AMOUNT), ...findAll(turns, 'agent', TIMELINE)];
  const vague = findAll(turns, 'agent', VAGUE);
  let level: number;
  let rationale: string;
  if (done.length > 0 && specifics.length > 0) [level, rationale] = [5, 'a completed action with a concrete reference, amount or date'];
  else if (done.length > 0) [level, rationale] = [4, 'a completed action, without a reference, amount or date'];
  else if (specifics.length > 0) [level, rationale] = [3, 'a concrete reference, amount or date, but no completed action'];
  else if (vague.length > 0) [level, rationale] = [1, 'only vague or defeatist answers, no resolution'];
  else [level, rationale] = [2, 'no concrete action or result stated'];
  if (vague.length > 0 && level > 1) {
    level -= 1;
    rationale += ', with vague or defeatist wording';
  }
  return { level: clampLevel(level), hits: uniqueQuotes([...done, ...specifics, ...vague]), rationale };
};

const judgeClose = ({ turns }: CallSignals): Judgement => {
  const agentTurns = turns.flatMap((turn, index) => (turn.role === 'agent' ? [index] : []));
  const closing = new Set(agentTurns.slice(-3));
  const inClose = (turn: number) => closing.has(turn);
  const signals: [string, Hit[]][] = [
    ['recap', [...findAll(turns, 'agent', RECAP, inClose), ...findAll(turns, 'agent', DONE, inClose)]],
    ['next steps', findAll(turns, 'agent', NEXT_STEPS, inClose)],
    ['timeline', findAll(turns, 'agent', TIMELINE, inClose)],
    ['"anything else"', findAll(turns, 'agent', ANYTHING_ELSE, inClose)],
    ['courteous goodbye', findAll(turns, 'agent', GOODBYE, inClose)],
  ];
  const present = signals.filter(([, hits]) => hits.length > 0);
  const missing = signals.filter(([, hits]) => hits.length === 0).map(([name]) => name);
  const rationale = present.length === 0 ? 'no recap, next steps, timeline, "anything else" or goodbye at the close' : `close has ${present.map(([name]) => name).join(', ')}${missing.length > 0 ? `; missing ${missing.join(', ')}` : ''}`;
  return { level: clampLevel(1 + present.length), hits: uniqueQuotes(present.map(([, hits]) => hits[0]!)), rationale };
};

const JUDGES: { match: RegExp; judge: (signals: CallSignals) => Judgement }[] = [
  { match: /empath/i, judge: judgeEmpathy },
  { match: /listen/i, judge: judgeListening },
  { match: /tone|courtes|professional/i, judge: judgeTone },
  { match: /resol|solv/i, judge: judgeResolution },
  { match: /close|closing|follow/i, judge: judgeClose },
];

const judgeFor = (criterion: Criterion) => JUDGES.find(({ match }) => match.test(criterion.key) || match.test(criterion.name))?.judge;

// --- call type ---------------------------------------------------------------------------------------

const inferCallType = (turns: readonly Turn[], callTypes: readonly CallTypeDef[], frustration: FrustrationSignal): string | null => {
  if (callTypes.length === 0) return null;
  const escalation = callTypes.find((t) => /escalat|complain/i.test(`${t.key} ${t.name} ${t.description ?? ''}`));
  const asksEscalation = turns.some((turn) => turn.role === 'customer' && /\b(supervisor|manager|complaint|complain)\b/i.test(turn.text));
  if (escalation && (frustration.level === 'high' || asksEscalation)) return escalation.key;
  const words = contentStems(turns.map((turn) => turn.text).join(' '));
  let best = callTypes[0]!;
  let bestScore = 0;
  for (const callType of callTypes) {
    const score = [...contentStems(`${callType.key.replace(/[_-]/g, ' ')} ${callType.name} ${callType.description ?? ''}`)].filter((stem) => words.has(stem)).length;
    if (score > bestScore) [best, bestScore] = [callType, score];
  }
  return best.key;
};

// --- scorer ------------------------------------------------------------------------------------------

export const createEmbeddedScorer = (options: { now?: () => number } = {}): Scorer => {
  const now = options.now ?? (() => performance.now());
  const score = async (request: ScoreRequest): Promise<ScoreResult> => {
    const started = now();
    const { turns } = request;
    const frustration = readFrustration(turns);
    const callType = request.callType ?? inferCallType(turns, request.callTypes, frustration);
    const signals: CallSignals = { turns, frustration, firstCustomer: turns.findIndex((turn) => turn.role === 'customer') };
    const criteria = request.rubric.criteria.map((criterion): CriterionResult => {
      const notApplicable = (why: string): CriterionResult => ({ key: criterion.key, applicable: false, level: null, score: null, confidence: 'high', evidence: [], rationale: `${LABEL}: ${why}` });
      if (!appliesToCallType(criterion, callType)) return notApplicable(`not applicable to ${callType} calls.`);
      if (turns.length === 0) return notApplicable('no transcript turns to read.');
      const judge = judgeFor(criterion);
      if (judge === undefined) return notApplicable(`no offline rule for "${criterion.name}"; needs the LLM scorer or a human.`);
      const judgement = judge(signals);
      return {
        key: criterion.key,
        applicable: true,
        level: judgement.level,
        score: levelToScore(judgement.level),
        confidence: 'high',
        evidence: judgement.hits.map((hit) => toEvidence(turns, hit)),
        rationale: `${LABEL}: ${judgement.rationale}.`,
      };
    });
    const verified = verifyEvidence(criteria, turns);
    const overall = weightedOverall(Object.fromEntries(verified.map((c) => [c.key, c.score])), request.rubric.criteria);
    const callTypeName = request.callTypes.find((t) => t.key === callType)?.name ?? callType ?? 'unclassified';
    const scored = verified.filter((c) => c.score !== null);
    const nameOf = (key: string) => request.rubric.criteria.find((c) => c.key === key)?.name ?? key;
    const strongest = scored.reduce<CriterionResult | undefined>((best, c) => (best === undefined || (c.score ?? 0) > (best.score ?? 0) ? c : best), undefined);
    const weakest = scored.reduce<CriterionResult | undefined>((worst, c) => (worst === undefined || (c.score ?? 0) < (worst.score ?? 0) ? c : worst), undefined);
    const summary =
      `${LABEL} (rules, no LLM): ${callTypeName} call with ${frustration.level} customer frustration` +
      (strongest === undefined || weakest === undefined
        ? '; nothing scored.'
        : strongest.score === weakest.score
          ? `; every scored criterion at ${strongest.score}.`
          : `; strongest ${nameOf(strongest.key)}, weakest ${nameOf(weakest.key)}.`);
    return {
      criteria: verified,
      overall,
      frustration: frustration.level,
      callType,
      summary,
      scorer: 'embedded',
      model: EMBEDDED_MODEL,
      promptVersion: EMBEDDED_MODEL,
      latencyMs: Math.round(now() - started),
      usage: { promptTokens: 0, completionTokens: 0 },
    };
  };
  return { name: 'embedded', model: EMBEDDED_MODEL, score };
};
