/**
 * What the redaction replaces, and with what. Placeholders are capital letters in brackets and nothing
 * else (the embedded scorer skips `[A-Z]+` in brackets), so no detector ever matches one again.
 */
export const REDACTION_PLACEHOLDERS = {
  card: '[CARD]',
  cvv: '[CVV]',
  expiry: '[EXPIRY]',
  iban: '[IBAN]',
  sortCode: '[SORTCODE]',
  account: '[ACCOUNT]',
  routing: '[ROUTING]',
  ssn: '[SSN]',
  nino: '[NINO]',
  passport: '[PASSPORT]',
  licence: '[LICENCE]',
  phone: '[PHONE]',
  email: '[EMAIL]',
  dob: '[DOB]',
  address: '[ADDRESS]',
  name: '[NAME]',
} as const;

export type RedactionCategory = keyof typeof REDACTION_PLACEHOLDERS;
export const REDACTION_CATEGORIES = Object.keys(REDACTION_PLACEHOLDERS) as RedactionCategory[];

/** How many values of each category were replaced. */
export type RedactionCounts = Record<RedactionCategory, number>;

/** What each category is, in words (one, several), for messages and the README. */
export const REDACTION_LABELS: Record<RedactionCategory, readonly [string, string]> = {
  card: ['card number', 'card numbers'],
  cvv: ['card security code', 'card security codes'],
  expiry: ['card expiry date', 'card expiry dates'],
  iban: ['IBAN', 'IBANs'],
  sortCode: ['sort code', 'sort codes'],
  account: ['account number', 'account numbers'],
  routing: ['routing number', 'routing numbers'],
  ssn: ['US social security number', 'US social security numbers'],
  nino: ['UK National Insurance number', 'UK National Insurance numbers'],
  passport: ['passport number', 'passport numbers'],
  licence: ['driving licence number', 'driving licence numbers'],
  phone: ['phone number', 'phone numbers'],
  email: ['email address', 'email addresses'],
  dob: ['date of birth', 'dates of birth'],
  address: ['postal address', 'postal addresses'],
  name: ["customer's name", "customer's names"],
};

/** Any placeholder, as it stands in redacted text. */
export const PLACEHOLDER_PATTERN = new RegExp(
  Object.values(REDACTION_PLACEHOLDERS)
    .map((placeholder) => placeholder.replace(/[[\]]/g, '\\$&'))
    .join('|'),
  'g',
);

export const emptyRedactionCounts = (): RedactionCounts =>
  Object.fromEntries(REDACTION_CATEGORIES.map((category) => [category, 0])) as RedactionCounts;

/** Adds `more` into `total` and returns `total`; unknown keys of stored counts are kept apart by the caller. */
export const addRedactionCounts = (total: RedactionCounts, more: Partial<Record<string, number>>): RedactionCounts => {
  for (const category of REDACTION_CATEGORIES) total[category] += more[category] ?? 0;
  return total;
};

/** "2 card numbers, 1 phone number": the non-zero counts in words, or '' when there are none. */
export const describeRedactionCounts = (counts: Partial<Record<string, number>>): string =>
  REDACTION_CATEGORIES.filter((category) => (counts[category] ?? 0) > 0)
    .map((category) => `${counts[category]} ${REDACTION_LABELS[category][counts[category] === 1 ? 0 : 1]}`)
    .join(', ');
