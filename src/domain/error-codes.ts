import type { AccessRefusal } from './access/access-rules.ts';
import type { AgentRecord, TeamRecord } from './records.ts';

// Every code an AppError may carry: a closed set the compiler knows, each with the parameters its
// wording needs (`None` = its `userMessage` says it all). Each entry point's catalogue (Slack
// `slack-messages.ts`, HTTP `http-messages.ts`, CLI `cli-messages.ts`) is a `Record`-style object over
// these codes, so a code added here does not compile until every entry point has said how it words it,
// and a renamed code breaks every place that names it. Add a code with one line here.

type None = Record<never, never>;

export interface ErrorParams {
  // ---------------------------------------------------------------- people and access
  /** A caller who may not do this, for any target (src/domain/access). */
  access_refused: AccessRefusal;
  /** No agent is named so among the agents the caller may reach (`scope`: team names; null = every agent). */
  agent_unknown: { agentRef: string; scope: readonly string[] | null };
  /** A name two agents the caller may reach share. */
  agent_ambiguous: { agentRef: string; candidates: readonly AgentRecord[] };
  /** A manager who is no agent asked for their own scorecard: the agents of their teams to pick from. */
  agent_missing: { teams: readonly { team: TeamRecord; agents: readonly AgentRecord[] }[] };
  /** An import of a file with no agent named (no --agent, sidecar or manifest row) whose call names no configured agent, or several. */
  /** No agent given (CLI, HTTP or Slack) and the call names none of the configured agents the caller may reach, or several (`several`). */
  agent_not_given: { several: boolean };
  /** An import manifest with problems (every row's listed in the message): nothing was imported. */
  manifest_invalid: None;
  /** A `--by` naming two different managers. */
  actor_ambiguous: { actorRef: string };
  /** No `--by` given for a decision (CLI) or no actor. */
  actor_missing: None;
  approver_missing: None;
  team_unknown: None;
  /** A name two teams share (`candidates`: those teams). */
  team_ambiguous: { teamRef: string; candidates: readonly TeamRecord[] };

  // ---------------------------------------------------------------- readiness and decisions
  /** Not ready, or already approved (`reason` says which; the wording is the userMessage). */
  approval_refused: { reason: 'not_ready' | 'already_approved' | 'open_dispute' };
  approve_button_invalid: None;
  /** No call is named so among the calls of the agents the caller may reach (`scope` as for agent_unknown). */
  call_unknown: { callRef: string; scope: readonly string[] | null };
  call_agent_missing: None;
  call_not_excluded: None;
  call_already_excluded: None;
  reason_missing: None;
  rubric_missing: None;
  'readiness.invalid_thresholds': None;
  'readiness.invalid_program': None;
  option_invalid: None;

  // ---------------------------------------------------------------- "Why this score?" and disputes (issue 19)
  button_invalid: None;
  /** No dispute is named so among the disputes of the agents the caller may reach (`scope`: team names). */
  dispute_unknown: { disputeRef: string; scope: readonly string[] | null };
  dispute_not_scored: None;
  dispute_window_closed: None;
  /** A modal field the refusal is about (`field` names it, so Slack can show it on that field). */
  dispute_criterion_invalid: { field: 'criterion' };
  dispute_duplicate: { field: 'criterion' };
  dispute_reason_invalid: { field: 'reason' };
  dispute_note_invalid: { field: 'note' };
  dispute_already_resolved: { resolvedBy: string | null; resolvedAt: Date | null; state: string };
  /** CLI `disputes --state` not one of the states; `dispute` without exactly one of --change/--keep, or a level not 1–5. */
  dispute_state_unknown: None;
  dispute_resolution_missing: None;
  dispute_level_invalid: None;

  // ---------------------------------------------------------------- ingestion
  call_type_unknown: None;
  call_date_invalid: None;
  /** A call date outside 1970 .. next year. */
  call_date_out_of_range: None;
  external_id_taken: None;
  ingest_failed: None;
  file_unreadable: None;
  sidecar_invalid: None;
  scores_csv_invalid: None;
  slack_file_download_failed: None;
  transcript_empty: None;
  transcript_binary: None;
  transcript_too_large: None;
  /** JSON nested deeper than the limit (64 levels). */
  transcript_too_deep: None;
  transcript_unknown_format: None;
  transcript_no_speakers: None;
  transcript_invalid_json: None;
  transcript_invalid_csv: None;
  transcript_unlabelled_turn: None;
  transcript_agent_unknown: None;
  transcript_agent_speaker_missing: None;
  transcript_single_speaker: None;
  transcript_several_calls: None;
  transcript_platform_field_missing: None;
  /** Two rows of a score CSV disagree about one call. */
  SCORE_ROWS_CONFLICT: None;
  // A message posted in an ingestion channel (its first line).
  message_two_agents: None;
  message_unreadable: None;
  message_external_id_missing: None;
  message_call_type_missing: None;
  /** A date on a posted transcript's first line that is not a real date (w16b's one date parser). */
  message_date_invalid: None;
  agent_unresolved_mention: None;

  // ---------------------------------------------------------------- scoring
  llm_unavailable: None;
  llm_bad_output: None;
  llm_refused: None;
  llm_rejected: None;
  scoring_cancelled: None;
  scorer_not_loaded: None;

  // ---------------------------------------------------------------- Slack, config, database, demo
  slack_missing: None;
  digest_slack_missing: None;

  // ---------------------------------------------------------------- charts (ADR 0034)
  /** No font on the machine to draw a chart's text. */
  chart_no_fonts: None;
  /** `chart <team> --type`: a team's chart pools every call type. */
  chart_type_for_team: None;
  /** `chart <x>`: neither a team nor an agent. */
  chart_subject_unknown: None;
  chart_out_not_png: None;
  digest_png_needs_dry_run: None;
  /** `retention` run while `retention.callDays` is not set in the config. */
  retention_off: None;
  /** Slack refused SLACK_BOT_TOKEN or SLACK_APP_TOKEN at start-up (the userMessage names the variable). */
  slack_token_refused: None;
  config_not_found: None;
  config_unreadable: None;
  config_invalid: None;
  config_env_invalid: None;
  database_url_empty: None;
  // The database the user named (worded in domain/database-errors.ts; `shown`: the file's path, or the
  // URL with its password hidden).
  /** A DATABASE_URL that names nothing we can connect to (`url`: as given, password hidden). */
  DATABASE_URL_INVALID: { url: string; problem: DatabaseUrlProblem };
  DATABASE_UNREACHABLE: { shown: string; detail: string };
  database_not_found: { filePath: string };
  /** `isFile`: the folder's path is a file. */
  database_folder_missing: { filePath: string; folder: string; isFile: boolean };
  /** `fileInside`: a database file in that directory, to suggest. */
  database_is_directory: { filePath: string; fileInside: string };
  /** `empty`: the file is empty (a read of an empty file). */
  database_not_sqlite: { shown: string; empty: boolean };
  database_not_migrated: { shown: string; pending: number };
  database_read_only: { shown: string };
  database_corrupt: { shown: string };
  database_unopenable: { shown: string };
  demo_database_in_use: None;
}

export type ErrorCode = keyof ErrorParams;

/** Why a DATABASE_URL is not usable. */
export type DatabaseUrlProblem =
  | { kind: 'path_unreadable'; detail: string }
  | { kind: 'in_memory' }
  | { kind: 'not_a_url' }
  | { kind: 'no_database' }
  | { kind: 'schema_not_identifier'; schema: string }
  | { kind: 'options_not_settings'; options: string }
  | { kind: 'no_scheme' }
  | { kind: 'scheme_unsupported'; scheme: string };

/** The codes whose parameters are empty: an AppError of these needs no `params`. */
export type PlainErrorCode = { [C in ErrorCode]: keyof ErrorParams[C] extends never ? C : never }[ErrorCode];
