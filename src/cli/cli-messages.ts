import type { AccessAction, AccessRefusal } from '../domain/access/index.ts';
import type { AppError, ErrorCode } from '../domain/app-error.ts';

// How the CLI words every error code: most with their userMessage (`plain`); the ones whose answer names
// one of its own flags from the error's code and parameters, so the use cases never speak of `--by`.
// A `Record`-style object over the closed union of codes: a new code does not compile until it is here.

const BY = '--by <manager name, email or Slack id>';

const AGENT_SPEAKER_HINT = ' On the command line: `--agent-speaker "<name>"`, or "agentSpeaker" in the file\'s sidecar.';

/** What a decision is, in the words of its refusals. */
const OWN: Record<AccessAction, string> = {
  see_scorecard: 'cannot see this scorecard',
  approve: 'cannot approve their own readiness',
  exclude: 'cannot exclude their own call',
  see_why: 'cannot see why this call scored',
  dispute: 'cannot dispute this score',
  resolve_dispute: 'cannot resolve a dispute of their own call',
  post_call: 'cannot import their own call',
};

const DOES: Record<AccessAction, string> = {
  see_scorecard: 'see this scorecard',
  approve: 'approve readiness',
  exclude: 'exclude a call',
  see_why: 'see why a call scored',
  dispute: 'dispute a score',
  resolve_dispute: 'resolve a dispute',
  post_call: 'import a call',
};

/** A refusal that reads the same for any agent or call named: it depends on who `--by` is only. */
const accessRefusedWords = (refusal: AccessRefusal): string => {
  const who = refusal.actorName ?? `"${refusal.actor}"`;
  switch (refusal.reason) {
    case 'self':
      return `${who} ${OWN[refusal.action]}: a manager of their team decides${refusal.action === 'exclude' ? ', with the reason' : ''}.`;
    case 'others':
      return `${who} may only ${DOES[refusal.action]} for themself.`;
    case 'unknown_person':
    case 'not_a_manager':
      return (
        `"${refusal.actor}" is not a team manager in the floorready config, so cannot ${DOES[refusal.action]}: only a manager of the agent's team may. ` +
        `Name one with ${BY}.`
      );
  }
};

const PLAIN = 'plain';

type CliWording<C extends ErrorCode> = ((error: AppError<C>) => string) | typeof PLAIN;

export const CLI_WORDING: { [C in ErrorCode]: CliWording<C> } = {
  approver_missing: () => `Say who approves: ${BY}.`,
  actor_missing: () => `Say who does this: ${BY}.`,
  access_refused: (error) => accessRefusedWords(error.params),
  transcript_agent_unknown: (error) => `${error.userMessage}${AGENT_SPEAKER_HINT}`,
  transcript_agent_speaker_missing: (error) => `${error.userMessage}${AGENT_SPEAKER_HINT}`,
  agent_unknown: PLAIN,
  agent_ambiguous: PLAIN,
  agent_missing: PLAIN,
  agent_not_given: PLAIN,
  manifest_invalid: PLAIN,
  actor_ambiguous: PLAIN,
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

/** A core error worded for the command line: CLI_WORDING's entry for its code. */
export const cliWording = <C extends ErrorCode>(error: AppError<C>): string => {
  const wording: CliWording<C> = CLI_WORDING[error.code];
  return wording === PLAIN ? error.userMessage : wording(error);
};
