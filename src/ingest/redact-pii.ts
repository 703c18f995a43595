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

/** Digits in groups separated by single spaces, dashes or dots ("4111 1111 1111 1111", "4111-1111-…", "4111.1111.…"). */
const DIGIT_RUN = /\d+(?:[ .-]\d+)*/g;

/** US SSN `123-45-6789` or `123 45 6789`, not inside a longer dashed number; never area 000, 666 or 9xx, group 00, serial 0000. */
const SSN = /(?<![\w-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\w@]|-\d)/g;

/**
 * Phone numbers: international (`+44 20 7946 0958`, `+44 (0)20 …`, `+1 555 123 4567`), North American
 * (`(555) 123-4567`, `555-123-4567`, `555.123.4567`, `1 555 123 4567`, `5551234567`), national numbers
 * with a trunk 0 (`020 7946 0958`, `07700 900123`) and 7-digit local numbers with a separator (`555-1234`).
 * Not preceded by a word character, currency sign or number punctuation, and not followed by more digits,
 * so amounts (`$1,250.00`), dates, times, years and shorter order numbers stay.
 */
/** Numbers opening with `+` or `(` may follow a digit directly (`…4567(555) 123-4567`); others may not. */
const PHONE = new RegExp(
  String.raw`(?:(?<![A-Za-z_$£€¥@/+.,-])(?:` +
    [
      String.raw`\+(?:\d{7,15}|\d{1,3}(?:[ .-]?\(\d{1,4}\))?[ .-]?\d{1,5}(?:[ .-]\d{1,5}){0,5})`,
      String.raw`\(\d{3}\)[ .-]?\d{3}[ .-]?\d{4}`,
    ].join('|') +
    String.raw`)|(?<![\w$£€¥@/+.,-])(?:` +
    [
      String.raw`(?:1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-]?)\d{3}[ .-]?\d{4}`,
      String.raw`(?<national>0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4})`,
      String.raw`\d{3}[-.]\d{4}`,
    ].join('|') +
    String.raw`))(?![\w@]|[.,-]?\d)`,
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
 * and phones. Idempotent; text with no digit and no `@` is returned unchanged.
 */
const redactOnce = (text: string, counts: RedactionCounts): string =>
  text
    .replace(EMAIL, () => {
      counts.email += 1;
      return REDACTION_PLACEHOLDERS.email;
    })
    .replace(DIGIT_RUN, (run) => redactCardsInRun(run, counts))
    .replace(SSN, () => {
      counts.ssn += 1;
      return REDACTION_PLACEHOLDERS.ssn;
    })
    .replace(PHONE, (match: string, ...rest: unknown[]) => {
      const groups = rest[rest.length - 1] as { national?: string };
      const digits = countDigits(match);
      if (digits < MIN_PHONE_DIGITS || digits > MAX_PHONE_DIGITS) return match;
      if (groups.national !== undefined && (digits < 10 || digits > 11)) return match;
      counts.phone += 1;
      return REDACTION_PLACEHOLDERS.phone;
    });

/**
 * Redacts customer PII from one text: emails → [EMAIL], Luhn-valid card numbers of 13–19 digits
 * (also spoken in groups) → [CARD], US SSNs → [SSN], phone numbers of 7+ digits → [PHONE]. Emails go
 * first (they may hold digits), then cards (so a card is never half-eaten as a phone number), then SSNs
 * and phones. The passes repeat until nothing changes, because a replacement can free a neighbour
 * (`555-123-4567(555-123-4567`), which makes the result idempotent; it ends because every replacement
 * removes digits or an `@` and adds none. Text with no digit and no `@` is returned unchanged.
 */
export const redactPii = (text: string): { text: string; counts: RedactionCounts } => {
  const counts = emptyRedactionCounts();
  let current = text;
  while (/[\d@]/.test(current)) {
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
