import type { AppError, ErrorCode } from '../domain/app-error.ts';
import { formatBytes } from '../ingest/ingest-errors.ts';

// Every sentence the call-platform endpoint answers with, in one place: what is wrong, and what to send instead.

export const httpMessages = {
  bodyTooLarge: (size: number, maxBytes: number) =>
    `The request body is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit (ingest.maxBytes in the config). ` +
    'Send one call per request, or raise ingest.maxBytes.',
  unsupportedMediaType: 'Send the call as JSON, with the header content-type: application/json (UTF-8).',
  bodyIncomplete: 'The request body ended early; send it again.',
  invalidJson: (detail: string) => `The body is not valid JSON (${detail}). Send one JSON object describing the call.`,
  validationFailed: (issues: readonly string[]) => `The call is not valid: ${issues.join('; ')}`,
  endpointOff: (callsPath: string) =>
    `The call-platform endpoint is off: set FLOORREADY_INTEGRATION_SECRET to accept calls at ${callsPath}.`,
  usePost: (path: string) => `Use POST ${path}.`,
  useGet: (path: string) => `Use GET ${path}.`,
  internalError:
    'Something went wrong on our side; the call may not have been stored. Send the same request again later: a repeat never stores a call twice.',
  notFound: (callsPath: string, healthPath: string) =>
    `No such endpoint. Call platforms POST to ${callsPath}; health checks GET ${healthPath}.`,
  agentSpeakerHint: ' Over HTTP, send the agent\'s speaker label as "agentSpeaker".',
};

const PLAIN = 'plain';

type HttpWording<C extends ErrorCode> = ((error: AppError<C>) => string) | typeof PLAIN;

/**
 * How the call-platform endpoint words every error code: its userMessage (`plain`), or with the HTTP
 * field that fixes it. A `Record`-style object over the closed union: a new code does not compile until
 * it is here.
 */
export const HTTP_WORDING: { [C in ErrorCode]: HttpWording<C> } = {
  transcript_agent_unknown: (error) => error.userMessage + httpMessages.agentSpeakerHint,
  transcript_agent_speaker_missing: (error) => error.userMessage + httpMessages.agentSpeakerHint,
  access_refused: PLAIN,
  agent_unknown: PLAIN,
  agent_ambiguous: PLAIN,
  agent_missing: PLAIN,
  agent_not_given: PLAIN,
  manifest_invalid: PLAIN,
  actor_ambiguous: PLAIN,
  actor_missing: PLAIN,
  approver_missing: PLAIN,
  team_unknown: PLAIN,
  team_ambiguous: PLAIN,
  approval_refused: PLAIN,
  approve_button_invalid: PLAIN,
  call_unknown: PLAIN,
  call_agent_missing: PLAIN,
  call_not_excluded: PLAIN,
  call_already_excluded: PLAIN,
  reason_missing: PLAIN,
  rubric_missing: PLAIN,
  'readiness.invalid_thresholds': PLAIN,
  'readiness.invalid_program': PLAIN,
  option_invalid: PLAIN,
  button_invalid: PLAIN,
  dispute_unknown: PLAIN,
  dispute_not_scored: PLAIN,
  dispute_window_closed: PLAIN,
  dispute_criterion_invalid: PLAIN,
  dispute_duplicate: PLAIN,
  dispute_reason_invalid: PLAIN,
  dispute_note_invalid: PLAIN,
  dispute_already_resolved: PLAIN,
  dispute_state_unknown: PLAIN,
  dispute_resolution_missing: PLAIN,
  dispute_level_invalid: PLAIN,
  call_type_unknown: PLAIN,
  call_date_invalid: PLAIN,
  call_date_out_of_range: PLAIN,
  external_id_taken: PLAIN,
  ingest_failed: PLAIN,
  file_unreadable: PLAIN,
  sidecar_invalid: PLAIN,
  scores_csv_invalid: PLAIN,
  slack_file_download_failed: PLAIN,
  transcript_empty: PLAIN,
  transcript_binary: PLAIN,
  transcript_too_large: PLAIN,
  transcript_too_deep: PLAIN,
  transcript_unknown_format: PLAIN,
  transcript_no_speakers: PLAIN,
  transcript_invalid_json: PLAIN,
  transcript_invalid_csv: PLAIN,
  transcript_unlabelled_turn: PLAIN,
  transcript_single_speaker: PLAIN,
  transcript_several_calls: PLAIN,
  transcript_platform_field_missing: PLAIN,
  SCORE_ROWS_CONFLICT: PLAIN,
  message_two_agents: PLAIN,
  message_unreadable: PLAIN,
  message_external_id_missing: PLAIN,
  message_call_type_missing: PLAIN,
  message_agent_missing: PLAIN,
  message_date_invalid: PLAIN,
  agent_unresolved_mention: PLAIN,
  llm_unavailable: PLAIN,
  llm_bad_output: PLAIN,
  llm_refused: PLAIN,
  llm_rejected: PLAIN,
  scoring_cancelled: PLAIN,
  scorer_not_loaded: PLAIN,
  slack_missing: PLAIN,
  digest_slack_missing: PLAIN,
  chart_no_fonts: PLAIN,
  chart_type_for_team: PLAIN,
  chart_subject_unknown: PLAIN,
  chart_out_not_png: PLAIN,
  digest_png_needs_dry_run: PLAIN,
  retention_off: PLAIN,
  slack_token_refused: PLAIN,
  config_not_found: PLAIN,
  config_unreadable: PLAIN,
  config_invalid: PLAIN,
  config_env_invalid: PLAIN,
  database_url_empty: PLAIN,
  DATABASE_URL_INVALID: PLAIN,
  DATABASE_UNREACHABLE: PLAIN,
  database_not_found: PLAIN,
  database_folder_missing: PLAIN,
  database_is_directory: PLAIN,
  database_not_sqlite: PLAIN,
  database_not_migrated: PLAIN,
  database_read_only: PLAIN,
  database_corrupt: PLAIN,
  database_unopenable: PLAIN,
  demo_database_in_use: PLAIN,
};

/** A core error worded for a call platform: HTTP_WORDING's entry for its code. */
export const httpWording = <C extends ErrorCode>(error: AppError<C>): string => {
  const wording: HttpWording<C> = HTTP_WORDING[error.code];
  return wording === PLAIN ? error.userMessage : wording(error);
};
