import type { Role } from '../../domain/types.ts';
import type { RedactionCategory } from './redaction-categories.ts';

/**
 * A stretch of the normalised text a detector wants replaced (or, for `keep`, left alone: reference
 * numbers, prices, times). Where candidates overlap, the higher priority wins, then the longer.
 */
/** Month names and their abbreviations, as a regular-expression alternation (dates of birth, card expiries). */
export const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';

export interface Candidate {
  start: number;
  end: number;
  category: RedactionCategory | 'keep';
  priority: number;
  /** A value found before, said again (read back): replaced, but not counted a second time. */
  again?: boolean;
}

/** Priorities: more specific evidence wins over less. */
export const PRIORITY = {
  placeholder: 100,
  reference: 90,
  email: 80,
  iban: 75,
  card: 70,
  labelled: 60,
  phone: 50,
  phoneShape: 45,
  cardList: 40,
  nearCard: 35,
  address: 30,
  /** A value answering what was asked a few turns before: below every detector that reads it by itself. */
  asked: 25,
  name: 20,
  /** A value found elsewhere in the call, said again: below every first finding of it. */
  readBack: 10,
} as const;

/** What a detector sees: the normalised text of the whole call, and who speaks where. */
export interface DetectionInput {
  text: string;
  /** The role speaking at a position of `text`, null when unknown (a file name, a summary). */
  roleAt: (position: number) => Role | null;
  /** Names the customer is known by (speaker labels), redacted wherever they occur. */
  names: readonly string[];
  /** Names that are never the customer's: the agent's own, the company's. */
  keepNames: readonly string[];
  /** Each turn's stretch of `text`, in order, with who speaks it; `joined` when it continues the one before (a number read on). */
  turns: readonly { start: number; end: number; role: Role | null; joined: boolean }[];
  /** What libphonenumber found in each stretch of digits it read, kept across the passes of one redaction. */
  phoneFinds?: Map<string, PhoneFinds>;
}

/** Where libphonenumber found numbers in one stretch, for each region in turn: [start, end] within it. */
export type PhoneFinds = readonly (readonly [start: number, end: number])[];

export const candidate = (start: number, end: number, category: Candidate['category'], priority: number): Candidate => ({
  start,
  end,
  category,
  priority,
});
