import type { AppError } from '../domain/app-error.ts';
import type { IngestCallResult } from './ingest-call.ts';

/** What happened, for the thread reply. Never holds a word of the transcript. */
export type PostedTranscriptOutcome =
  | { kind: 'stored'; result: IngestCallResult; callType: string; roleplay: boolean }
  | { kind: 'not_a_manager' }
  | { kind: 'agent_name_unknown'; name: string }
  | { kind: 'several_files' }
  | { kind: 'no_transcript' }
  | { kind: 'failed'; error: AppError };
