import type { Turn } from '../../domain/types.ts';
import { contentStems } from './content-stems.ts';
import { type Hit, quoteAt } from './find-hits.ts';

// Empathy by intent: an acknowledgement counts as genuine when it is about THIS customer's situation —
// it names a feeling or what they went through, or it takes up the specifics they gave — and as stock when
// it is a formula that fits any call ("sorry for the inconvenience", a bare "I understand").

const FEELING =
  '(?:frustrat\\w*|upset\\w*|annoy\\w*|concern\\w*|stress\\w*|worr\\w*|difficult|hard|inconvenien\\w+ (?:for you|of having)|disappoint\\w*|confus\\w*|angry|anger|exhaust\\w*|hassle|awful|unfair|scar\\w*|nightmare|fed up|tough|overwhelm\\w*|upsetting|tiring|annoying|painful)';
const EXPERIENCE =
  "(?:you(?:'ve| have)? had to|you've been|you have been|been through|(?:are |were |is )?going through|go through|went through|(?:three|two|four|several|so many|multiple) times|calling back|on hold|the wait|waiting|dealing with|without (?:your|a|an|the) \\w+|again)";
/** Openers that take the customer's perspective. */
const PERSPECTIVE =
  "(?:i (?:completely |totally |really |fully |can |do )?understand|i can (?:see|imagine|hear|tell|only imagine)|i hear you|i know how|(?:i|we)(?:'m| am|'re| are) (?:so |really |very |truly |terribly |deeply )?sorry|(?:i|we) apologi[sz]e|my apologies|(?:that|this|it) (?:sounds|must (?:be|have been)|would be|has been)|no wonder|you(?:'re| are) right to|i(?:'d| would) (?:be|feel)|i get (?:it|that|why|how))";
/** An opener followed, in the same sentence, by a feeling or the customer's experience. */
const NAMED = new RegExp(`\\b${PERSPECTIVE}\\b[^.!?]{0,60}?\\b(?:${FEELING}|${EXPERIENCE})`, 'i');
const VALIDATION =
  /\b(?:no wonder you(?:'re| are)|you(?:'re| are) right to be|you have every right to|anyone would be|i(?:'d| would) (?:be|feel) (?:the same|frustrated|upset|annoyed) too|i would feel the same)\b/i;
/** Openers that may take up the customer's specifics ("I'm sorry your parcel is late"). */
const APOLOGY_OR_UNDERSTANDING =
  /\b(?:sorry|apologi[sz]e|apologies|i (?:completely |totally |really |fully |do )?understand|i can imagine|that sounds|(?:that|this|it|you) must (?:be|have been|feel))\b/i;
/** A feeling named as a formula ("I understand your frustration"): stock unless the sentence takes up the customer's specifics. */
const FORMULA =
  /\b(?:i (?:completely |totally |fully |really |do )?understand|i hear|(?:i|we) (?:share|appreciate)|sorry for) (?:your|the) (?:frustration|concerns?|anger|disappointment|upset|worry|worries|annoyance|feelings?)\b/i;
/** A refusal or a "sorry, but" dressed as an apology is not an acknowledgement. */
const REFUSAL = /\bsorry,? (?:but|however)\b|\bsorry,? (?:i|we) (?:can't|cannot|won't|are unable|am unable|can not)\b/i;
const STOCK =
  /\b(?:i (?:completely |totally |fully |really |do )?understand|i hear you|(?:i|we)(?:'m| am|'re| are) (?:so |really |very |truly |deeply )?sorry|sorry (?:for|about) (?:the|any|your|this) (?:inconvenience|trouble)|(?:i|we) apologi[sz]e|my apologies|thank you for your (?:patience|understanding)|thanks for bearing with me|sorry)\b/i;

/** Words that name any situation (as stems), so taking them up does not make an acknowledgement specific. */
const GENERIC = contentStems(
  'sorry inconvenience trouble issue problem matter experience feedback patience understanding support service situation caused cause truly deeply feel apologise apologize apologies understand customer',
);
const SHORT_STOPWORDS = new Set(
  'the and you for was are but not has had his her our can get got its any all how why who now one two too off out way day see yes let may did use new old own per via'.split(
    ' ',
  ),
);
/** The customer's situation words: content stems, and short nouns too ("cat", "car", "dad") that contentStems leaves out. */
const situationStems = (text: string): string[] => [
  ...[...contentStems(text)].filter((stem) => !GENERIC.has(stem) && !/^\d/.test(stem)),
  ...(text.toLowerCase().match(/\b[a-z]{3}\b/g) ?? []).filter((word) => !SHORT_STOPWORDS.has(word)),
];

/** Any acknowledgement of what the customer feels or went through, stock or not (what "genuine" and "stock" refine). */
const ACKNOWLEDGE = new RegExp(
  [
    "\\bsorry (?:to hear|for your loss|about (?:your|the|what|that|this|all)|that (?:you|your|this|it|happened)|you(?:'re| are|'ve| have| had| went| were)|this happened)",
    "\\b(?:i(?:'m| am)|we(?:'re| are)) (?:so |really |very |truly |terribly |deeply )?sorry\\b(?!,? (?:but|however|i can't|we can't|i cannot|we cannot))",
    '\\b(?:that|this|it|which) (?:sounds|seems|must (?:be|have been|feel)|would be|is (?:really |so |very |such )?(?:a )?(?:awful|terrible|horrible|hard|tough|rough|sad|heartbreaking|difficult|unfair|frustrating|scary|painful|a lot|stressful|upsetting|awesome|great|wonderful|amazing|fantastic|exciting))\\b',
    '\\b(?:i can (?:only )?imagine|i (?:completely |totally |really |fully |do )?understand|i hear you|i feel (?:for|with) you|i get (?:it|that|how|why)|i know (?:how|what|the feeling)|i see (?:why|how))\\b',
    '\\b(?:that|this|it) (?:really |totally |just )?(?:sucks|stinks|blows)\\b',
    "\\b(?:oh no|how awful|how terrible|what a (?:nightmare|shame|pain)|poor (?:you|thing)|my condolences|condolences|(?:big |virtual )?hugs?\\b|congratulations|congrats|good for you|(?:i(?:'m| am)|so) (?:glad|happy|proud) (?:for|of|to hear|that)|no wonder)",
  ].join('|'),
  'i',
);
/** Warmth toward the person: hopes, encouragement, solidarity (EPITOME's "emotional reactions" beyond sympathy). */
const WARMTH =
  /\b(?:i (?:really |truly |sincerely )?hope (?:you|things|it|that|this|your|everything)|hope you(?:'re| are| feel| get)|you(?:'re| are) not alone|(?:sending|sent) (?:you )?(?:love|hugs|strength|thoughts|prayers)|stay strong|hang in there|you(?:'ve| have) got this|you(?:'re| are) (?:doing (?:great|well|your best)|strong|brave|worth)|you deserve|proud of you|be (?:kind|gentle) (?:to|with) yourself|take care of yourself|here for you|(?:thinking|thoughts) (?:of|are with) you|i(?:'m| am) (?:here|listening)|you matter|it(?:'s| is) (?:ok|okay|normal|understandable|natural) to (?:feel|be)|it(?:'s| is) not your fault|that(?:'s| is) (?:completely |totally )?(?:understandable|valid|normal))\b/i;
/** Interpretation: the agent reflects what the customer feels, or shares having felt it. */
const INTERPRETATION =
  /\b(?:(?:it|that) (?:sounds|seems) (?:like|as if|as though) (?:you|it(?:'s| has| was| is)|this|that)|you (?:must|might|may) (?:be|feel|have (?:been|felt))|you seem|it seems (?:like )?you|i can (?:see|tell|imagine|understand|only imagine) (?:how|why|that|what|you)|i (?:completely |totally |really |fully )?understand (?:how|why|what|that) (?:you|it|this|that)|i know (?:exactly |just |only too well )?(?:how|what) (?:it|that|you|this)|i(?:'ve| have) been there|i(?:'m| am) in the same (?:boat|situation|place)|i (?:was|have been|used to be|struggled|suffer(?:ed)?) (?:\w+ )?(?:depressed|anxious|lonely|suicidal|in the same|through|with (?:depression|anxiety|this|the same))|i(?:'ve| have) (?:been|gone) through|i (?:went|go) through|i(?:'ve| have) (?:felt|had|experienced) (?:the same|that|this|something similar|similar)|i (?:felt|feel|had) the same|same (?:thing )?happened to me|(?:it|that) makes sense (?:that |to |you)|(?:anyone|anybody|most people) would (?:feel|be)|i(?:'d| would) (?:be|feel) (?:the same|\w+ too)|no wonder you|you(?:'re| are) (?:clearly|obviously|understandably) \w+|must (?:have been|be) (?:so |really |very )?(?:hard|difficult|tough|awful|frustrating|scary|painful|stressful|upsetting|exhausting|heartbreaking|lonely)|(?:is|are|was|were|can be) (?:a |an )?(?:really |so |very |such (?:a )?|incredibly |truly )?(?:tough|hard|awful|terrible|painful|heartbreaking|difficult|devastating|scary|stressful|lonely|exhausting) (?:thing|time|situation|experience|loss|place|spot|road|to|for you))\b/i;
/** A question about the person's feelings or experience (not a request for an account number). */
const EXPLORING =
  /\b(?:feel|feeling|felt|going on|happened|holding up|coping|cope|talk about it|tell me (?:more|about (?:it|what|how))|how are you|how have you been|how long have you (?:felt|been feeling|had (?:these|this) feelings?)|what (?:made|makes) you|what do you mean|do you want to talk|would you like to talk|are you (?:ok|okay|alright|all right|safe|feeling|worried|afraid|scared)|have you (?:talked|spoken|told) (?:to|anyone|someone|your|about)|what(?:'s| is) (?:wrong|on your mind|bothering you)|is everything (?:ok|okay|alright|all right)|do you (?:think|feel) (?:you|that|it)|what (?:do|did) you (?:think|want|need))\b/i;
/** Questions that ask for data or wind the call up: procedure, not exploration. */
const PROCEDURAL =
  /\b(?:number|account|e-?mail|address|postcode|zip|date of birth|password|username|id|reference|order|booking|card|phone|name|anything else|something else|how (?:can|may) i help|help you with)\b/i;
/** What follows an acknowledgement and takes it back: "I understand. However, there is nothing I can do." */
const CONTRADICTION =
  /^(?:but|however|unfortunately|that said|still|nevertheless)\b[^.!?]*\b(?:can't|cannot|won't|unable|not able|nothing|policy|rules?|not (?:our|my) (?:fault|problem))/i;

export interface Acknowledgements {
  /** About this customer's situation: names a feeling or experience, or takes up their specifics. */
  genuine: Hit[];
  /** A formula that would fit any call. */
  stock: Hit[];
  /** Any acknowledgement or warmth toward the person, stock or not. */
  any: Hit[];
  /** Reflections and interpretations of what the customer feels (or shared experience). */
  reflections: Hit[];
  /** Questions that explore the customer's feelings or experience. */
  explorations: Hit[];
  /** Acknowledgements taken back by the next sentence (a refusal or policy after "I understand"). */
  contradicted: Hit[];
}

const sentencesOf = (text: string): { pos: number; text: string }[] =>
  [...text.matchAll(/[^.!?\s][^.!?]*[.!?]*/g)].map((match) => ({ pos: match.index, text: match[0] }));

/** The empathic acts in agent turns after the customer first spoke, sentence by sentence. */
export const findAcknowledgements = (turns: readonly Turn[]): Acknowledgements => {
  const found: Acknowledgements = { genuine: [], stock: [], any: [], reflections: [], explorations: [], contradicted: [] };
  const customerSaid = new Set<string>();
  turns.forEach((turn, index) => {
    if (turn.role === 'customer') {
      for (const stem of situationStems(turn.text)) customerSaid.add(stem);
      return;
    }
    if (customerSaid.size === 0) return;
    const sentences = sentencesOf(turn.text);
    sentences.forEach((sentence, s) => {
      // The quote is found only for a sentence that is kept (most are not).
      let kept: Hit | undefined;
      const hitOf = (): Hit => (kept ??= { turn: index, pos: sentence.pos, quote: quoteAt(turn.text, sentence.pos) });
      if (sentence.text.includes('?')) {
        if (EXPLORING.test(sentence.text) && !PROCEDURAL.test(sentence.text)) found.explorations.push(hitOf());
      }
      if (REFUSAL.test(sentence.text)) return;
      const takesUpSpecifics =
        APOLOGY_OR_UNDERSTANDING.test(sentence.text) && situationStems(sentence.text).some((stem) => customerSaid.has(stem));
      const named = (NAMED.test(sentence.text) && !FORMULA.test(sentence.text)) || VALIDATION.test(sentence.text);
      const reflects = INTERPRETATION.test(sentence.text) && !FORMULA.test(sentence.text);
      const acknowledges =
        named || takesUpSpecifics || reflects || ACKNOWLEDGE.test(sentence.text) || WARMTH.test(sentence.text) || STOCK.test(sentence.text);
      if (!acknowledges) return;
      found.any.push(hitOf());
      if (reflects || (named && !takesUpSpecifics && /\b(?:feel|felt|must|sounds)\b/i.test(sentence.text))) found.reflections.push(hitOf());
      if (named || takesUpSpecifics) found.genuine.push(hitOf());
      else if (STOCK.test(sentence.text)) found.stock.push(hitOf());
      const next = sentences[s + 1]?.text ?? '';
      if (CONTRADICTION.test(next.trim())) found.contradicted.push(hitOf());
    });
  });
  return found;
};
