import type { Level } from '../types.ts';
import type { DisputeCallLabel, ExcerptTurn } from './index.ts';

/** What "Why this score?" shows of one call (issue 19): the explain-score use case's answer, the modal's input. */
export interface WhyCriterion {
  key: string;
  name: string;
  applicable: boolean;
  level: Level | null;
  score: number | null;
  rationale: string | null;
  evidence: { turn: number; role: string; quote: string; around: ExcerptTurn[] }[];
  /** The anchor of the given level (the deficient or exemplary text when the rubric has no level anchors). */
  givenAnchor: string | null;
  exemplary: string;
  /** A reviewer's score that replaced the AI's in every figure. */
  human: { level: Level | null; score: number | null; reviewer: string | null; rationale: string | null } | null;
  openDispute: boolean;
}

export interface WhyScore {
  call: DisputeCallLabel;
  agentName: string;
  /** "Scored by …" with how well the scorer agrees with the team's reviewers. */
  scorerLine: string;
  criteria: WhyCriterion[];
}
