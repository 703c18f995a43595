import type { Turn } from '../../domain/types.ts';
import { contentStems } from './content-stems.ts';
import { type Hit, quoteAt } from './find-hits.ts';

// Empathy by intent: an acknowledgement counts as genuine when it is about THIS customer's situation —
// it names a feeling or what they went through, or it takes up the specifics they gave — and as stock when
// it is a formula that fits any call ("sorry for the inconvenience", a bare "I understand").

const FEELING =
  '(?:frustrat\\w*|upset\\w*|annoy\\w*|concern\\w*|stress\\w*|worr\\w*|difficult|hard|inconvenien\\w+ (?:for you|of having)|disappoint\\w*|confus\\w*|angry|anger|exhaust\\w*|hassle|awful|unfair|scar\\w*|nightmare|fed up|tough|overwhelm\\w*|upsetting|tiring|annoying|painful)';
const EXPERIENCE =
  "(?:you(?:'ve| have)? had to|you've been|you have been|been through|(?:three|two|four|several|so many|multiple) times|calling back|on hold|the wait|waiting|dealing with|without (?:your|a|an|the) \\w+|again)";
/** Openers that take the customer's perspective. */
const PERSPECTIVE =
  "(?:i (?:completely |totally |really |fully |can |do )?understand|i can (?:see|imagine|hear|tell|only imagine)|i hear you|i know how|(?:i|we)(?:'m| am|'re| are) (?:so |really |very |truly |terribly |deeply )?sorry|(?:i|we) apologi[sz]e|my apologies|(?:that|this|it) (?:sounds|must (?:be|have been)|would be|has been)|no wonder|you(?:'re| are) right to|i(?:'d| would) (?:be|feel)|i get (?:it|that|why|how))";
/** An opener followed, in the same sentence, by a feeling or the customer's experience. */
const NAMED = new RegExp(`\\b${PERSPECTIVE}\\b[^.!?]{0,60}?\\b(?:${FEELING}|${EXPERIENCE})`, 'i');
const VALIDATION = /\b(?:no wonder you(?:'re| are)|you(?:'re| are) right to be|you have every right to|anyone would be|i(?:'d| would) (?:be|feel) (?:the same|frustrated|upset|annoyed) too|i would feel the same)\b/i;
/** Openers that may take up the customer's specifics ("I'm sorry your parcel is late"). */
const APOLOGY_OR_UNDERSTANDING = /\b(?:sorry|apologi[sz]e|apologies|i (?:completely |totally |really |fully |do )?understand|i can imagine|that sounds|must (?:be|have been))\b/i;
/** A feeling named as a formula ("I understand your frustration"): stock unless the sentence takes up the customer's specifics. */
const FORMULA = /\b(?:i (?:completely |totally |fully |really |do )?understand|i hear|(?:i|we) (?:share|appreciate)|sorry for) (?:your|the) (?:frustration|concerns?|anger|disappointment|upset|worry|worries|annoyance|feelings?)\b/i;
/** A refusal or a "sorry, but" dressed as an apology is not an acknowledgement. */
const REFUSAL = /\bsorry,? (?:but|however)\b|\bsorry,? (?:i|we) (?:can't|cannot|won't|are unable|am unable|can not)\b/i;
const STOCK =
  /\b(?:i (?:completely |totally |fully |really |do )?understand|i hear you|(?:i|we)(?:'m| am|'re| are) (?:so |really |very |truly |deeply )?sorry|sorry (?:for|about) (?:the|any|your|this) (?:inconvenience|trouble)|(?:i|we) apologi[sz]e|my apologies|thank you for your (?:patience|understanding)|thanks for bearing with me|sorry)\b/i;

/** Words that name any situation (as stems), so taking them up does not make an acknowledgement specific. */
const GENERIC = contentStems(
  'sorry inconvenience trouble issue problem matter experience feedback patience understanding support service situation caused cause truly deeply feel apologise apologize apologies understand customer',
);
const situationStems = (text: string): string[] => [...contentStems(text)].filter((stem) => !GENERIC.has(stem) && !/^\d/.test(stem));

export interface Acknowledgements {
  /** About this customer's situation: names a feeling or experience, or takes up their specifics. */
  genuine: Hit[];
  /** A formula that would fit any call. */
  stock: Hit[];
}

const sentencesOf = (text: string): { pos: number; text: string }[] =>
  [...text.matchAll(/[^.!?\s][^.!?]*[.!?]*/g)].map((match) => ({ pos: match.index, text: match[0] }));

/** The acknowledgements in agent turns after the customer first spoke, each sentence genuine or stock. */
export const findAcknowledgements = (turns: readonly Turn[]): Acknowledgements => {
  const genuine: Hit[] = [];
  const stock: Hit[] = [];
  let customerSaid = new Set<string>();
  turns.forEach((turn, index) => {
    if (turn.role === 'customer') {
      customerSaid = new Set([...customerSaid, ...situationStems(turn.text)]);
      return;
    }
    if (customerSaid.size === 0) return;
    for (const sentence of sentencesOf(turn.text)) {
      const hit = { turn: index, pos: sentence.pos, quote: quoteAt(turn.text, sentence.pos) };
      if (REFUSAL.test(sentence.text)) continue;
      const takesUpSpecifics = APOLOGY_OR_UNDERSTANDING.test(sentence.text) && situationStems(sentence.text).some((stem) => customerSaid.has(stem));
      const named = (NAMED.test(sentence.text) && !FORMULA.test(sentence.text)) || VALIDATION.test(sentence.text);
      if (named || takesUpSpecifics) genuine.push(hit);
      else if (STOCK.test(sentence.text)) stock.push(hit);
    }
  });
  return { genuine, stock };
};
