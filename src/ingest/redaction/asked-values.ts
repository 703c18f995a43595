import { candidate, PRIORITY, type Candidate, type DetectionInput } from './candidate.ts';
import { isPostcode, POSTCODE_LABEL, POSTCODE_SPOKEN } from './detect-addresses.ts';
import { ACCOUNT_LABEL, ACCOUNT_VALUE, SORT_CODE_LABEL, SORT_CODE_VALUE } from './detect-bank-details.ts';
import { ANY_GROUPING, CARD_WORDS, cardsInRun } from './detect-cards.ts';
import { DATE, DOB_LABEL } from './detect-dates-of-birth.ts';
import { DOCUMENT_NUMBER, PASSPORT_LABEL, shaped } from './detect-identity-documents.ts';
import { NINO_LABEL, NINO_VALUE, SSN_LABEL, SSN_VALUE } from './detect-national-ids.ts';
import { LABELLED_PHONE, PHONE_LABEL } from './detect-phones.ts';
import type { RedactionCategory } from './redaction-categories.ts';

/**
 * What an agent asks for ("your social?", "the card number", "your number please?") and the values that
 * answer it. An ask holds for the customer's answers that follow, not only the next turn: through a
 * pause ("hang on, let me find it" / "no rush"), and through a follow-up that names no topic ("and your
 * partner's?"), until the agent asks for something else or moves on.
 */
interface Topic {
  category: RedactionCategory;
  label: RegExp;
  value: RegExp;
  /** The matches that are values; default every match. */
  values?: (match: string, start: number) => { start: number; end: number }[];
  accept?: (value: string) => boolean;
}

const whole = (match: string, start: number): { start: number; end: number }[] => [{ start, end: start + match.length }];

const TOPICS: readonly Topic[] = [
  {
    category: 'card',
    label: CARD_WORDS,
    value: ANY_GROUPING,
    values: (match, start) => cardsInRun(match, start),
  },
  { category: 'ssn', label: SSN_LABEL, value: SSN_VALUE },
  { category: 'nino', label: NINO_LABEL, value: NINO_VALUE },
  { category: 'phone', label: PHONE_LABEL, value: LABELLED_PHONE },
  { category: 'sortCode', label: SORT_CODE_LABEL, value: SORT_CODE_VALUE },
  { category: 'account', label: ACCOUNT_LABEL, value: ACCOUNT_VALUE },
  { category: 'passport', label: PASSPORT_LABEL, value: DOCUMENT_NUMBER, accept: shaped(6, 12, 5) },
  { category: 'dob', label: DOB_LABEL, value: DATE },
  { category: 'address', label: POSTCODE_LABEL, value: POSTCODE_SPOKEN, accept: isPostcode },
];

/** A follow-up that asks for the same thing again, for someone else ("and your partner's?", "what about the other one?"). */
const FOLLOW_UP =
  /^[\s,.!?…-]*(?:(?:okay|ok|thanks|thank you|great|lovely|perfect|right|got it|and|so)[\s,.!?…-]+)*(?:and|what about|how about|same for|now)?[\s,]*(?:(?:your|his|her|their|the)[\s]+)?(?:\w+(?:'s|s')|his|hers|theirs|the other(?: one)?|the second(?: one)?|another(?: one)?|any others?|one more)[\s,.!?…]*(?:please)?[\s,.!?…]*$/i;
/** A customer turn given to something else: an order, reference or ticket number is not an answer to the ask. */
const OTHER_NUMBER = /\b(?:order|reference|ref|ticket|case|tracking|confirmation|invoice|booking|claim|parcel|receipt|transaction)\b/i;
/** How many of the customer's turns after an ask may still answer it. */
const ANSWER_TURNS = 4;

const labelled = (topic: Topic, text: string): boolean => {
  topic.label.lastIndex = 0;
  const found = topic.label.test(text);
  topic.label.lastIndex = 0;
  return found;
};

/** The values that answer an ask in one customer turn: `said` is its text, starting at `start` of the document. */
const answersIn = (said: string, start: number, topic: Topic): Candidate[] => {
  const found: Candidate[] = [];
  topic.value.lastIndex = 0;
  for (const match of said.matchAll(topic.value)) {
    if (topic.accept && !topic.accept(match[0])) continue;
    for (const value of (topic.values ?? whole)(match[0], start + match.index)) {
      found.push(candidate(value.start, value.end, topic.category, PRIORITY.asked));
    }
  }
  return found;
};

/** The turns with each number read on after a filler made one stretch; `skip` are the parts given to something else. */
const stretches = (
  text: string,
  turns: DetectionInput['turns'],
): { start: number; end: number; role: DetectionInput['turns'][number]['role']; skip: { start: number; end: number }[] }[] => {
  const merged: ReturnType<typeof stretches> = [];
  for (const turn of turns) {
    const other = OTHER_NUMBER.test(text.slice(turn.start, turn.end)) ? [{ start: turn.start, end: turn.end }] : [];
    const last = merged.at(-1);
    if (turn.joined && last) {
      last.end = turn.end;
      last.skip.push(...other);
    } else {
      merged.push({ start: turn.start, end: turn.end, role: turn.role, skip: other });
    }
  }
  return merged;
};

/**
 * The customer's answers to what the agent asked, read across turns. `turns` are the document's
 * stretches in order with their roles.
 */
export const detectAskedValues = ({ text, turns }: Pick<DetectionInput, 'text' | 'turns'>): Candidate[] => {
  const found: Candidate[] = [];
  let asked: Topic[] = [];
  let answered = 0;
  for (const turn of stretches(text, turns)) {
    const said = text.slice(turn.start, turn.end);
    const named = TOPICS.filter((topic) => labelled(topic, said));
    if (turn.role === 'customer' || turn.role === null) {
      // The customer may name it themselves ("my social is …") and give it a turn later.
      if (named.length > 0) {
        asked = named;
        answered = 0;
      }
      if (asked.length === 0) continue;
      // An order, reference or ticket number said meanwhile is not the answer: blanked out, same length.
      const answer = turn.skip.reduce(
        (rest, part) => rest.slice(0, part.start - turn.start) + ' '.repeat(part.end - part.start) + rest.slice(part.end - turn.start),
        said,
      );
      for (const topic of asked) found.push(...answersIn(answer, turn.start, topic));
      answered += 1;
      if (answered >= ANSWER_TURNS) asked = [];
      continue;
    }
    if (named.length > 0) {
      asked = named;
      answered = 0;
    } else if (FOLLOW_UP.test(said)) {
      answered = 0;
    } else if (/\?/.test(said)) {
      // A question about something else ends the ask; a statement ("let me check") does not.
      asked = [];
    }
  }
  return found;
};
