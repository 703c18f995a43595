import type { AppError } from '../domain/app-error.ts';

// How the CLI words the core errors whose answer names one of its own flags: from the error's code and
// parameters, so the use cases never speak of `--by`. Every other AppError is shown with its userMessage.

const BY = '--by <manager name, email or Slack id>';

// The ingest error codes whose fix is naming the agent's speaker (INGEST_ERROR_CODES' agentUnknown and
// agentSpeakerMissing), as literals: read commands must not load src/ingest/ (test/cli/cli-build.test.ts).
const AGENT_SPEAKER_CODES: readonly string[] = ['transcript_agent_unknown', 'transcript_agent_speaker_missing'];
const AGENT_SPEAKER_HINT = ' On the command line: `--agent-speaker "<name>"`, or "agentSpeaker" in the file\'s sidecar.';

export const cliWording = (error: AppError): string => {
  switch (error.code) {
    case 'approver_missing':
      return `Say who approves: ${BY}.`;
    case 'actor_missing':
      return `Say who does this: ${BY}.`;
    case 'approval_forbidden':
    case 'exclusion_forbidden':
      return error.params.reason === 'not_a_manager' ? `${error.userMessage} Name one with --by (name, email or Slack id).` : error.userMessage;
    default:
      return AGENT_SPEAKER_CODES.includes(error.code) ? `${error.userMessage}${AGENT_SPEAKER_HINT}` : error.userMessage;
  }
};
