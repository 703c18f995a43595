import { findCall } from './find-call.ts';
import { AppError } from '../domain/app-error.ts';
import { redactPii } from '../ingest/redact-pii.ts';
import type { CallRecord, CallRepository } from '../db/call-repository.ts';
import type { AgentRecord, DirectoryRepository, TeamRecord } from '../db/directory-repository.ts';
import type { ExclusionRecord, ReadinessRepository } from '../db/readiness-repository.ts';

type Manager = TeamRecord['managers'][number];

const same = (a: string | null, b: string): boolean => a !== null && a.toLowerCase() === b.toLowerCase();

/** A Slack mention `<@U…>` as the bare user id; anything else as written. */
const unmention = (by: string): string => by.replace(/^<@([A-Z0-9]+)(\|[^>]*)?>$/, '$1');

/** The manager `ref` names (Slack id, email or name, any case), or null. */
const managerNamed = (managers: readonly Manager[], ref: string): Manager | null =>
  managers.find((m) => m.slackUserId === ref) ?? managers.find((m) => same(m.email, ref)) ?? managers.find((m) => same(m.name, ref)) ?? null;

/** Whether `by` names the agent themself (their Slack id, email, name, key or an external id). */
const isTheAgent = (agent: AgentRecord, ref: string): boolean =>
  agent.slackUserId === ref || same(agent.email, ref) || same(agent.displayName, ref) || agent.key === ref || agent.externalIds.includes(ref);

const describeManager = (manager: Manager): string => {
  const ids = [manager.slackUserId, manager.email].filter((id): id is string => id !== null);
  return `${manager.name ?? ids[0] ?? '(unnamed)'}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`;
};

/** The configured manager acting, as they are recorded: their name, else their Slack id or email. */
const recordedName = (manager: Manager): string => manager.name ?? manager.slackUserId ?? manager.email ?? '';

/**
 * Only a manager of the agent's team (as the config lists them) may exclude or restore a call, and never
 * the agent whose call it is; the answer names who may.
 */
const authorise = async (directory: DirectoryRepository, call: CallRecord, ref: string, by: string): Promise<Manager> => {
  const [agent] = await directory.agentsById([call.agentId]);
  if (!agent) throw new AppError('call_agent_missing', `Call ${ref} belongs to an agent no longer in the config; nobody can exclude it until the agent is configured again.`);
  const actor = unmention(by);
  if (isTheAgent(agent, actor)) {
    throw new AppError('exclusion_forbidden', `${agent.displayName} cannot exclude their own call: a manager of their team decides, with the reason.`);
  }
  const team = agent.teamKey ? await directory.findTeam(agent.teamKey) : null;
  if (!team || team.managers.length === 0) {
    throw new AppError(
      'exclusion_forbidden',
      `Nobody may exclude calls of ${agent.displayName}: ${team ? `team ${team.name} lists no manager` : 'they are in no team'}. Add the manager to the team's \`managers\` in the config and run \`npx floorready config apply\`.`,
    );
  }
  const manager = managerNamed(team.managers, actor);
  if (!manager) {
    throw new AppError(
      'exclusion_forbidden',
      `"${by}" is not a manager of ${team.name}, the team of ${agent.displayName}. Only its managers may exclude this call: ` +
        `${team.managers.map(describeManager).join('; ')}. Name one with --by (name, email or Slack id).`,
    );
  }
  return manager;
};

/**
 * Excludes a call from every aggregate for a reason outside the agent's control, or undoes that: a
 * decision of a manager of the agent's team. The exclusion rows are never deleted: the audit trail keeps
 * who excluded, when and why, and who restored it when.
 */
export const excludeCall = async (
  deps: { calls: CallRepository; readiness: ReadinessRepository; directory: DirectoryRepository; now: () => Date },
  input: { call: string; reason?: string; by: string; undo?: boolean },
): Promise<{ action: 'excluded' | 'restored'; exclusion: ExclusionRecord }> => {
  const by = input.by.trim();
  if (!by) throw new AppError('actor_missing', 'Say who does this: --by <manager name, email or Slack id>.');
  const ref = input.call.trim();
  const call = await findCall(deps.calls, ref);
  const manager = recordedName(await authorise(deps.directory, call, ref, by));
  if (input.undo) {
    const undone = await deps.readiness.undoExclusion({ callId: call.id, by: manager, at: deps.now() });
    if (!undone) throw new AppError('call_not_excluded', `Call ${ref} is not excluded; nothing to undo.`);
    return { action: 'restored', exclusion: undone };
  }
  const reason = input.reason?.trim();
  if (!reason) throw new AppError('reason_missing', 'Give the reason the call is outside the agent\'s control: --reason "<text>".');
  const active = await deps.readiness.activeExclusion(call.id);
  if (active) {
    throw new AppError('call_already_excluded', `Call ${ref} is already excluded (by ${active.by}: ${active.reason}). Use --undo to restore it.`);
  }
  // A manager's note is stored text like any other: a customer's details in it are redacted first.
  return { action: 'excluded', exclusion: await deps.readiness.exclude({ callId: call.id, reason: redactPii(reason).text, by: manager, at: deps.now() }) };
};
