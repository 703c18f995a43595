import { PLAIN, PLAIN_EVERYWHERE, type PlainEverywhereCode } from '../domain/plain-error-codes.ts';
import type { AccessAction, AccessRefusal } from '../domain/access/index.ts';
import type { AppError, ErrorCode } from '../domain/app-error.ts';

// How the CLI words every error code: most with their userMessage (`plain`); the ones whose answer names
// one of its own flags from the error's code and parameters, so the use cases never speak of `--by`.
// A `Record`-style object over the closed union of codes: a new code does not compile until it is here or
// in PLAIN_EVERYWHERE (src/domain/plain-error-codes.ts, the codes every entry point words plainly).

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

type CliWording<C extends ErrorCode> = ((error: AppError<C>) => string) | typeof PLAIN;

/** The codes this entry point words its own way, or plain where the others do not. */
const CLI_OWN_WORDING: { [C in Exclude<ErrorCode, PlainEverywhereCode>]: CliWording<C> } = {
  approver_missing: () => `Say who approves: ${BY}.`,
  actor_missing: () => `Say who does this: ${BY}.`,
  access_refused: (error) => accessRefusedWords(error.params),
  transcript_agent_unknown: (error) => `${error.userMessage}${AGENT_SPEAKER_HINT}`,
  transcript_agent_speaker_missing: (error) => `${error.userMessage}${AGENT_SPEAKER_HINT}`,
  agent_unknown: PLAIN,
  agent_ambiguous: PLAIN,
  agent_missing: PLAIN,
  agent_not_given: (error) =>
    `${error.userMessage} Give the agent with --agent, a sidecar or the manifest${error.params.several ? '' : ', or add the name the agent uses to their `aliases` in the config'}.`,
  call_unknown: PLAIN,
  dispute_unknown: PLAIN,
};

export const CLI_WORDING: { [C in ErrorCode]: CliWording<C> } = { ...PLAIN_EVERYWHERE, ...CLI_OWN_WORDING };

/** A core error worded for the command line: CLI_WORDING's entry for its code. */
export const cliWording = <C extends ErrorCode>(error: AppError<C>): string => {
  const wording: CliWording<C> = CLI_WORDING[error.code];
  return wording === PLAIN ? error.userMessage : wording(error);
};
