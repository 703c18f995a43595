import type { Turn } from '../domain/types.ts';
import { isLuhnValid } from './is-luhn-valid.ts';

export interface RedactionCounts {
  card: number;
  email: number;
  phone: number;
  ssn: number;
}

export const REDACTION_PLACEHOLDERS = {
  card: '[CARD]',
  email: '[EMAIL]',
  phone: '[PHONE]',
  ssn: '[SSN]',
} as const satisfies Record<keyof RedactionCounts, string>;

export const emptyRedactionCounts = (): RedactionCounts => ({ card: 0, email: 0, phone: 0, ssn: 0 });

const MIN_CARD_DIGITS = 13;
const MAX_CARD_DIGITS = 19;
const MIN_PHONE_DIGITS = 7;
const MAX_PHONE_DIGITS = 15;

const EMAIL =
  /[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z])/g;

const EMAIL_TLDS = 'com|net|org|edu|gov|mil|io|co|us|uk|ca|au|nz|ie|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|br|mx|in|jp|info|biz|me';
/** Words before " at " that make a place, not a mailbox ("visit us at northside dot com"). */
const NOT_MAILBOXES = 'us|me|you|them|him|her|it|home|work|online|here|there|look|looked|looking|visit|go|shop|order|ordered|bought|site|website|page|that|this|or|and|is|was|are|be|email|mail|address|directly|available|found|find|log|logged|sign|signed';
const SPOKEN_DOT = String.raw`(?:[ \t]+dot[ \t]+|[ \t]*[([{]dot[)\]}][ \t]*)`;
/**
 * Emails as speech-to-text writes them: "john dot smith at gmail dot com", "jane(at)example.com",
 * "j.smith at example.co.uk". The domain must end in a common top-level domain.
 */
const SPOKEN_EMAIL = new RegExp(
  String.raw`(?<![\w.@])(?!(?:${NOT_MAILBOXES})\b)[a-z0-9][a-z0-9._%+-]*(?:(?:${SPOKEN_DOT}|[ \t]+(?:underscore|dash|hyphen)[ \t]+)[a-z0-9][a-z0-9_%+-]*){0,4}` +
    String.raw`(?:[ \t]+at[ \t]+|[ \t]*[([{]at[)\]}][ \t]*)` +
    String.raw`[a-z0-9][a-z0-9-]*(?:(?:\.|${SPOKEN_DOT})[a-z0-9][a-z0-9-]*){0,4}(?:\.|${SPOKEN_DOT})(?:${EMAIL_TLDS})(?![\w@])`,
  'gi',
);

/** Digits in groups separated by single spaces, dashes or dots ("4111 1111 1111 1111", "4111-1111-…", "4111.1111.…"). */
const DIGIT_RUN = /\d+(?:[ .-]\d+)*/g;
/**
 * Card groups as speech-to-text and people write them out loosely: 3–6 digits each, separated by a comma,
 * a slash, a spaced dash, several spaces or a full stop and a space ("4242, 4242, 4242, 4242",
 * "4242 - 4242 - 4242 - 4242", "4242. 4242. 4242. 4242"). Groups of 3+ digits keep amounts ("$1,250.00") out.
 */
const LOOSE_DIGIT_RUN =
  /(?<!\d)\d{3,6}(?:(?:[ \t]*[,/][ \t]*|[ \t]+[-–—][ \t]*|[ \t]*[-–—][ \t]+|\.[ \t]+|[ \t]+)\d{3,6}){1,6}(?!\d)/g;

/**
 * US SSN `123-45-6789`, `123 45 6789` or `123.45.6789`, not inside a longer dashed number; never area 000,
 * 666 or 9xx, group 00, serial 0000. Nine bare digits count only right after "SSN" or "social (security)".
 */
const SSN =
  /(?<![\w.-])(?!000|666|9\d\d)\d{3}([- .])(?!00)\d{2}\1(?!0000)\d{4}(?![\w@]|[.-]\d)|(?<=\b(?:ssn|ss#|social(?: security)?(?: number| no\.?| #)?)\b\D{0,24})(?<!\d)\d{9}(?!\d)/gi;

/**
 * Phone numbers: international (`+44 20 7946 0958`, `+44 (0)20 …`, `+1 555 123 4567`), North American
 * (`(555) 123-4567`, `555-123-4567`, `555.123.4567`, `1 555 123 4567`, `5551234567`), national numbers
 * with a trunk 0 (`020 7946 0958`, `07700 900123`) and 7-digit local numbers with a separator (`555-1234`).
 * Not preceded by a word character, currency sign or number punctuation, and not followed by more digits,
 * so amounts (`$1,250.00`), dates, times, years and shorter order numbers stay.
 */
/** Between North American groups: nothing, one space, dot or dash, or a spaced dot or dash (`555 - 0199`). */
const NANP_SEP = String.raw`(?:[ \t]?[.-][ \t]?|[ \t])?`;
/** Numbers opening with `+` or `(` may follow a digit directly (`…4567(555) 123-4567`); others may not. */
const PHONE = new RegExp(
  String.raw`(?:(?<![A-Za-z_$£€¥@/+.,-])(?:` +
    [
      String.raw`\+(?:\d{7,15}|\d{1,3}(?:[ .-]?\(\d{1,4}\))?[ .-]?\d{1,10}(?:[ .-]\d{1,8}){0,5})`,
      String.raw`\(\d{3}\)${NANP_SEP}\d{3}${NANP_SEP}\d{4}`,
    ].join('|') +
    String.raw`)|(?<![\w$£€¥@/+.,-])(?:` +
    [
      String.raw`(?<intl>00[1-9]\d{0,2}(?:[ .-]?\(\d{1,4}\))?[ .-]?\d{1,8}(?:[ .-]\d{1,8}){1,5})`,
      String.raw`(?:1[ .-]?)?(?:\(\d{3}\)${NANP_SEP}|\d{3}${NANP_SEP})\d{3}${NANP_SEP}\d{4}`,
      String.raw`(?<national>0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4})`,
      String.raw`\d{3}[-.]\d{4}`,
    ].join('|') +
    String.raw`))(?!(?!x\d)[\w@]|[.,-]?\d)`,
  'g',
);

const countDigits = (text: string): number => text.replace(/\D/g, '').length;

/**
 * Replaces, within one run of digit groups, every group-aligned stretch of 13–19 digits that passes
 * the Luhn check with [CARD] (leftmost first, then the longest), so "4111 1111 1111 1111" goes whole
 * and a card next to another number ("qty 2 4111 1111 1111 1111") still goes.
 */
const redactCardsInRun = (run: string, counts: RedactionCounts): string => {
  if (countDigits(run) < MIN_CARD_DIGITS) return run;
  const groups = [...run.matchAll(/\d+/g)].map((match) => ({ digits: match[0], from: match.index, to: match.index + match[0].length }));
  let out = '';
  let cursor = 0;
  let index = 0;
  while (index < groups.length) {
    let digits = '';
    let end = -1;
    for (let next = index; next < groups.length; next += 1) {
      digits += groups[next]?.digits ?? '';
      if (digits.length > MAX_CARD_DIGITS) break;
      if (digits.length >= MIN_CARD_DIGITS && isLuhnValid(digits)) end = next;
    }
    const first = groups[index];
    const last = groups[end];
    if (first && last) {
      out += `${run.slice(cursor, first.from)}${REDACTION_PLACEHOLDERS.card}`;
      cursor = last.to;
      counts.card += 1;
      index = end + 1;
    } else {
      index += 1;
    }
  }
  return out + run.slice(cursor);
};

/**
 * Redacts customer PII from one text: emails → [EMAIL], Luhn-valid card numbers of 13–19 digits
 * (also spoken in groups) → [CARD], US SSNs → [SSN], phone numbers of 7+ digits → [PHONE]. Emails go
 * first (they may hold digits), then cards (so a card is never half-eaten as a phone number), then SSNs
 * and phones. Spoken emails ("jo dot smith at gmail dot com") go with the written ones.
 */
const redactOnce = (text: string, counts: RedactionCounts): string =>
  text
    .replace(EMAIL, () => {
      counts.email += 1;
      return REDACTION_PLACEHOLDERS.email;
    })
    .replace(SPOKEN_EMAIL, () => {
      counts.email += 1;
      return REDACTION_PLACEHOLDERS.email;
    })
    .replace(DIGIT_RUN, (run) => redactCardsInRun(run, counts))
    .replace(LOOSE_DIGIT_RUN, (run) => redactCardsInRun(run, counts))
    .replace(SSN, () => {
      counts.ssn += 1;
      return REDACTION_PLACEHOLDERS.ssn;
    })
    .replace(PHONE, (match: string, ...rest: unknown[]) => {
      const groups = rest[rest.length - 1] as { national?: string; intl?: string };
      const digits = countDigits(match);
      if (digits < MIN_PHONE_DIGITS || digits > MAX_PHONE_DIGITS) return match;
      if (groups.national !== undefined && (digits < 10 || digits > 11)) return match;
      if (groups.intl !== undefined && digits < 10) return match;
      counts.phone += 1;
      return REDACTION_PLACEHOLDERS.phone;
    });

/**
 * Redacts customer PII from one text: emails → [EMAIL], Luhn-valid card numbers of 13–19 digits
 * (also spoken in groups) → [CARD], US SSNs → [SSN], phone numbers of 7+ digits → [PHONE]. Emails go
 * first (they may hold digits), then cards (so a card is never half-eaten as a phone number), then SSNs
 * and phones. The passes repeat until nothing changes, because a replacement can free a neighbour
 * (`555-123-4567(555-123-4567`), which makes the result idempotent; it ends because every replacement
 * removes digits, an `@` or a spoken " at " and adds none. Text with no digit, no `@` and no "at" is
 * returned unchanged.
 */
export const redactPii = (text: string): { text: string; counts: RedactionCounts } => {
  const counts = emptyRedactionCounts();
  let current = text;
  while (/[\d@]|\bat\b|[([{]at[)\]}]/i.test(current)) {
    const next = redactOnce(current, counts);
    if (next === current) break;
    current = next;
  }
  return { text: current, counts };
};

/** Redacts every turn's text (agent turns too: agents read numbers back) and sums the counts. */
export const redactTurns = (turns: readonly Turn[]): { turns: Turn[]; counts: RedactionCounts } => {
  const counts = emptyRedactionCounts();
  const redacted = turns.map((turn) => {
    const result = redactPii(turn.text);
    counts.card += result.counts.card;
    counts.email += result.counts.email;
    counts.phone += result.counts.phone;
    counts.ssn += result.counts.ssn;
    return { ...turn, text: result.text };
  });
  return { turns: redacted, counts };
};
