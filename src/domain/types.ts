// Shared domain types. Pure: no I/O, no SDK imports.

export type Role = 'agent' | 'customer';
export const ROLES = ['agent', 'customer'] as const;

/** One speaker turn of a transcript after roles are mapped and PII redacted. */
export interface Turn {
  role: Role;
  text: string;
  /** Seconds from the start of the call, when the source had timings. */
  start?: number;
}

export type CallKind = 'live' | 'roleplay';
export const CALL_KINDS = ['live', 'roleplay'] as const;

export type Frustration = 'none' | 'mild' | 'high';
export const FRUSTRATION_LEVELS = ['none', 'mild', 'high'] as const;

export type Level = 1 | 2 | 3 | 4 | 5;

/**
 * A criterion score that comes from elsewhere (another QA system, or a human reviewer): 0..100, with
 * the 1–5 level it was written as; null when it was written on 0–100.
 */
export interface ImportedScore {
  score: number;
  level: Level | null;
}

export interface Criterion {
  key: string;
  name: string;
  /** Weights of a rubric sum to 100. */
  weight: number;
  /** What the criterion tests. */
  description: string;
  exemplary: string;
  deficient: string;
  /** Optional anchors for each level 1..5 (keys "1".."5"). */
  levels?: Partial<Record<'1' | '2' | '3' | '4' | '5', string>> | null;
  /** Call types it applies to; null or empty = all. */
  callTypes?: string[] | null;
  /**
   * Whose behaviour it judges, and so which turns its evidence may quote: the agent's (default), the
   * customer's, or the call as a whole (either speaker).
   */
  about?: CriterionAbout | null;
}

export type CriterionAbout = 'agent' | 'customer' | 'call';
export const CRITERION_ABOUT = ['agent', 'customer', 'call'] as const;

export interface Rubric {
  version: number;
  criteria: Criterion[];
}

export interface CallTypeDef {
  key: string;
  name: string;
  description?: string | null;
}

/** A quoted moment of the transcript backing a criterion score. */
export interface Evidence {
  turn: number;
  role: Role;
  quote: string;
}

export type Confidence = 'high' | 'low';

export interface CriterionResult {
  key: string;
  applicable: boolean;
  /** 1..5 when applicable, null when not. */
  level: Level | null;
  /** 0..100 from the level, null when not applicable. */
  score: number | null;
  confidence: Confidence;
  evidence: Evidence[];
  rationale: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ScoreResult {
  criteria: CriterionResult[];
  /** Weighted mean over applicable criteria (weights re-normalised), 0..100; null if none applicable. */
  overall: number | null;
  frustration: Frustration;
  /** Call type inferred by the scorer when none was given (a key of the configured call types). */
  callType: string | null;
  summary: string;
  scorer: 'llm' | 'embedded';
  model: string | null;
  promptVersion: string;
  latencyMs: number;
  usage: TokenUsage;
}

export interface ScoreRequest {
  turns: Turn[];
  rubric: Rubric;
  /** The call type when known; otherwise the scorer infers one from callTypes. */
  callType: string | null;
  callTypes: CallTypeDef[];
  /** The agent's own names, masked in the spoken text before it leaves (blind scoring). */
  maskNames: string[];
  /** Other staff's names (colleagues, managers), masked as well so no one's identity leaves. */
  staffNames?: string[];
}

export interface Scorer {
  readonly name: 'llm' | 'embedded';
  readonly model: string | null;
  score(request: ScoreRequest, options?: { signal?: AbortSignal }): Promise<ScoreResult>;
}
