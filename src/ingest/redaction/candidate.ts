import type { Role } from '../../domain/types.ts';
import type { RedactionCategory } from './redaction-categories.ts';

/**
 * A stretch of the normalised text a detector wants replaced (or, for `keep`, left alone: reference
 * numbers, prices, times). Where candidates overlap, the higher priority wins, then the longer.
 */
/** Month names and their abbreviations, as a regular-expression alternation (dates of birth, card expiries). */
export const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';

export interface Candidate {
  start: number;
  end: number;
  category: RedactionCategory | 'keep';
  priority: number;
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
  name: 20,
} as const;

/** What a detector sees: the normalised text of the whole call, and who speaks where. */
export interface DetectionInput {
  text: string;
  /** The role speaking at a position of `text`, null when unknown (a file name, a summary). */
  roleAt: (position: number) => Role | null;
  /** Names the customer is known by (speaker labels), redacted wherever they occur. */
  names: readonly string[];
}

export const candidate = (start: number, end: number, category: Candidate['category'], priority: number): Candidate => ({
  start,
  end,
  category,
  priority,
});
