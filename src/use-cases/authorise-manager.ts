import { AppError } from '../domain/app-error.ts';
import type { AgentRecord, DirectoryRepository, TeamRecord } from '../db/directory-repository.ts';

// Who may decide about an agent: a manager of the agent's team as the config lists them, never the agent.
// Excluding a call and approving readiness are both such decisions; each names who decided, so the
// audit trail (exclusion rows, stored decisions) says who it was in one form.

export type Manager = TeamRecord['managers'][number];

/** What the decision is, in the words of its refusals. */
export type ManagerDecision = 'exclude' | 'approve';

const same = (a: string | null, b: string): boolean => a !== null && a.toLowerCase() === b.toLowerCase();

/**
 * The Slack user id a reference carries: a mention `<@U…>`, or the "Name (U…)" label Slack approvals
 * record; null when it carries none.
 */
const slackIdIn = (ref: string): string | null => /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(ref)?.[1] ?? /\(([UW][A-Z0-9]{2,})\)$/.exec(ref)?.[1] ?? null;

/** Whether a reference carries a Slack user id (a mention or a "Name (U…)" label). */
export const carriesSlackId = (ref: string): boolean => slackIdIn(ref.trim()) !== null;

/** The manager `ref` names (Slack id, mention, email or name, any case), or null. */
const managerNamed = (managers: readonly Manager[], ref: string): Manager | null => {
  const slackId = slackIdIn(ref) ?? ref;
  return managers.find((m) => m.slackUserId === slackId) ?? managers.find((m) => same(m.email, ref)) ?? managers.find((m) => same(m.name, ref)) ?? null;
};

/** Whether `ref` names the agent themself (their Slack id, email, name, key or an external id). */
const isTheAgent = (agent: AgentRecord, ref: string): boolean => {
  const slackId = slackIdIn(ref) ?? ref;
  return agent.slackUserId === slackId || same(agent.email, ref) || same(agent.displayName, ref) || agent.key === ref || agent.externalIds.includes(ref);
};

const describeManager = (manager: Manager): string => {
  const ids = [manager.slackUserId, manager.email].filter((id): id is string => id !== null);
  return `${manager.name ?? ids[0] ?? '(unnamed)'}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`;
};

const WORDS: Record<ManagerDecision, { own: string; nobody: string; only: string; code: string }> = {
  exclude: { own: 'cannot exclude their own call', nobody: 'Nobody may exclude calls of', only: 'may exclude this call', code: 'exclusion_forbidden' },
  approve: { own: 'cannot approve their own readiness', nobody: 'Nobody may approve', only: 'may approve this agent', code: 'approval_forbidden' },
};

/**
 * The configured manager of `agent`'s team that `by` names; an AppError that says who may otherwise.
 * `by` is a name, email, Slack id or mention, any case.
 */
export const authoriseManager = async (directory: DirectoryRepository, agent: AgentRecord, by: string, decision: ManagerDecision): Promise<Manager> => {
  const words = WORDS[decision];
  const actor = by.trim();
  if (isTheAgent(agent, actor)) {
    throw new AppError(words.code, `${agent.displayName} ${words.own}: a manager of their team decides${decision === 'exclude' ? ', with the reason' : ''}.`);
  }
  const team = agent.teamKey ? await directory.findTeam(agent.teamKey) : null;
  if (!team || team.managers.length === 0) {
    throw new AppError(
      words.code,
      `${words.nobody} ${agent.displayName}: ${team ? `team ${team.name} lists no manager` : 'they are in no team'}. Add the manager to the team's \`managers\` in the config and run \`npx floorready config apply\`.`,
    );
  }
  const manager = managerNamed(team.managers, actor);
  if (!manager) {
    throw new AppError(
      words.code,
      `"${by}" is not a manager of ${team.name}, the team of ${agent.displayName}. Only its managers ${words.only}: ` +
        `${team.managers.map(describeManager).join('; ')}.`,
      { params: { reason: 'not_a_manager', by, team: team.name, agent: agent.displayName } },
    );
  }
  return manager;
};

/** The configured manager acting, as they are recorded: their name, else their Slack id or email. */
export const managerRecordName = (manager: Manager): string => manager.name ?? manager.slackUserId ?? manager.email ?? '';
