import { AppError } from '../domain/app-error.ts';
import { addressPattern, introducedNames, introductionPattern, nameMatchStrength, normalizeName } from './map-roles.ts';
import type { RawTurn } from './raw-turn.ts';

/** A configured agent as the call is searched for them: their id and the names they go by. */
export interface AgentCandidate {
  id: string;
  /** Display name and aliases. */
  names: readonly string[];
}

/** How the call named its agent, said back by the import ("found by …"). */
export const AGENT_FOUND_BY = {
  label: 'their configured name or alias as a speaker label',
  introduction: "their name in the agent's introduction",
  addressed: 'the customer calling them by name',
} as const;
export type AgentFoundBy = keyof typeof AGENT_FOUND_BY;

/** How strongly each cue names an agent: a full name as a label beats a first name, which beats being called by name. */
const STRENGTH: Record<AgentFoundBy, number> = { label: 3, introduction: 2, addressed: 1 };

// The fix (how to give the agent) is each entry point's own wording of `agent_not_given`.
const noAgentInCall = (): AppError =>
  new AppError(
    'agent_not_given',
    "no agent given, and none of the configured agents is named in the call (as a speaker label, in the agent's introduction or by the customer).",
    { params: { several: false } },
  );

const severalAgentsInCall = (names: readonly string[]): AppError =>
  new AppError(
    'agent_not_given',
    `no agent given, and the call names more than one configured agent (${names.map((name) => `"${name}"`).join(', ')}).`,
    { params: { several: true } },
  );

/**
 * The configured agent whose call this is, found in the call itself when the import names nobody: a
 * speaker label that is their name or alias (the strongest: a full name, then a first name), else their
 * name in an introduction ("this is Ana", "you're through to Ana", "Ana from Northside"), else the other
 * speaker calling them by name ("thanks, Ana"). Turns the platform marks as the customer's are not read
 * for the first two. Throws `agent_not_given` when no agent, or more than one equally, is named.
 */
export const findCallAgent = <T extends AgentCandidate>(
  turns: readonly RawTurn[],
  candidates: readonly T[],
  companies: readonly string[] = [],
): { agent: T; foundBy: AgentFoundBy } => {
  const best = new Map<string, { agent: T; score: number; foundBy: AgentFoundBy }>();
  const note = (agent: T, foundBy: AgentFoundBy, bonus = 0): void => {
    const score = STRENGTH[foundBy] * 10 + bonus;
    const known = best.get(agent.id);
    if (!known || known.score < score) best.set(agent.id, { agent, score, foundBy });
  };
  const labels = [
    ...new Set(turns.filter((turn) => turn.role !== 'customer' && turn.speaker !== null).map((turn) => turn.speaker as string)),
  ];
  const agentSide = turns
    .filter((turn) => turn.role !== 'customer')
    .map((turn) => turn.text)
    .join('\n');
  const everything = turns.map((turn) => turn.text).join('\n');
  for (const agent of candidates) {
    for (const name of agent.names) {
      for (const label of labels) {
        const strength = nameMatchStrength(label, name);
        if (strength > 0) note(agent, 'label', strength);
      }
    }
    const names = introducedNames(agent.names);
    if (names.length === 0) continue;
    if (introductionPattern(names, companies)?.test(agentSide)) note(agent, 'introduction');
    else if (addressPattern(names)?.test(everything)) note(agent, 'addressed');
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score);
  const first = ranked[0];
  if (!first) throw noAgentInCall();
  const tied = ranked.filter((entry) => entry.score === first.score);
  if (tied.length > 1) throw severalAgentsInCall(tied.map((entry) => entry.agent.names[0] ?? normalizeName(entry.agent.id)));
  return { agent: first.agent, foundBy: first.foundBy };
};
