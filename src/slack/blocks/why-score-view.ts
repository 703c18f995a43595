import type { DisputeCallLabel, ExcerptTurn } from '../../domain/disputes/index.ts';
import type { Level } from '../../domain/types.ts';

/** What the "Why this score?" modal shows (the explain-score use case's answer, as the builder reads it). */
export interface WhyScoreView {
  call: DisputeCallLabel;
  agentName: string;
  scorerLine: string;
  criteria: {
    key: string;
    name: string;
    applicable: boolean;
    level: Level | null;
    score: number | null;
    rationale: string | null;
    evidence: { turn: number; role: string; quote: string; around: ExcerptTurn[] }[];
    givenAnchor: string | null;
    exemplary: string;
    human: { level: Level | null; score: number | null; reviewer: string | null; rationale: string | null } | null;
    openDispute: boolean;
  }[];
}
