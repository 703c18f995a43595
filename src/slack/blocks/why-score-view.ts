import type { WhyScore } from '../../domain/disputes/why-score.ts';

/** What the "Why this score?" modal shows: the explain-score use case's answer, defined once in the domain. */
export type WhyScoreView = WhyScore;
