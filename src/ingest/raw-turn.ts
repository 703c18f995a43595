import type { Role } from '../domain/types.ts';

/** The text formats the parsers tell apart by content; JSON is then read natively per call platform. */
export const TRANSCRIPT_FORMATS = ['vtt', 'srt', 'text', 'json', 'csv'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

/**
 * One cue or line of a transcript as parsed, before roles are mapped and PII redacted.
 * `speaker` is the label as written ("Sarah Jones", "Agent"), null when the source had none;
 * `role` is set only when the source says it outright (JSON `role: "agent"`).
 */
export interface RawTurn {
  speaker: string | null;
  role?: Role;
  text: string;
  /** Seconds from the start of the call. */
  start?: number;
}
