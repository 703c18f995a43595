import type { TeamRecord } from '../../db/directory-repository.ts';
import { AppError } from '../../domain/app-error.ts';
import { checkFreeText, DISPUTE_NOTE_MAX, type DisputeRecord } from '../../domain/disputes/index.ts';
import type { Level } from '../../domain/types.ts';
import type { Services } from '../../services.ts';
import { callUnavailable, inScope, scopeFor, type Actor } from './call-access.ts';

// A manager of the agent's team resolves a dispute: changes the score (a human score of the new level,
// reviewer = the manager, the dispute as its source) or keeps it, with a note either way. From Slack
// (by Slack id) and the CLI (`--by`, a manager's name, email or Slack id), under the same rule.

export type ResolveDeps = Pick<Services, 'directory' | 'disputes'>;

export type Resolution = { change: Level } | { keep: true };

/** The manager `--by` names (Slack id, email or name), as an actor; refused when it names no manager. */
export const actorFromManagerRef = async (deps: ResolveDeps, ref: string): Promise<Actor> => {
  const wanted = ref.trim().toLowerCase();
  const teams = await deps.directory.listTeams();
  const managed: TeamRecord[] = teams.filter((team) =>
    team.managers.some((manager) =>
      [manager.slackUserId, manager.email, manager.name].some((value) => value !== null && value.toLowerCase() === wanted),
    ),
  );
  const slackId = teams
    .flatMap((team) => team.managers)
    .find((m) => [m.slackUserId, m.email, m.name].some((v) => v !== null && v.toLowerCase() === wanted))?.slackUserId;
  const agent = slackId
    ? await deps.directory.agentBySlackId(slackId)
    : ((await deps.directory.listAgents()).find((candidate) =>
        [candidate.displayName, candidate.email, candidate.slackUserId, candidate.key].some(
          (value) => value !== null && value.toLowerCase() === wanted,
        ),
      ) ?? null);
  return { ref, agent, managedTeams: managed };
};

/** Who resolved, as stored: "Name (U…)" from Slack, the --by as typed from the CLI. */
export const resolverLabel = (actor: Actor, name: string | null): string => (name ? `${name} (${actor.ref})` : actor.ref);

/** The dispute, if the actor may resolve it; the refusals name no agent and show no figure. */
export const loadDisputeFor = async (deps: ResolveDeps, actor: Actor, disputeId: string): Promise<DisputeRecord> => {
  const scope = scopeFor(actor, 'resolve_dispute');
  const dispute = await deps.disputes.find(disputeId);
  if (!dispute) throw new AppError('dispute_unknown', `No dispute ${disputeId}: \`floorready disputes\` lists them.`);
  const [agent] = await deps.directory.agentsById([dispute.agentId]);
  if (!agent || !inScope(scope, agent)) throw callUnavailable(scope, true);
  return dispute;
};

/** The refusal of a click or command on a dispute already resolved: who resolved it and when. */
export const alreadyResolved = (dispute: DisputeRecord): AppError =>
  new AppError(
    'dispute_already_resolved',
    dispute.state === 'expired'
      ? `This dispute expired on ${dispute.resolvedAt?.toISOString().slice(0, 10) ?? 'an earlier day'}: nobody resolved it in time.`
      : `This dispute was already resolved (${dispute.state === 'changed' ? 'score changed' : 'score kept'}) by ${dispute.resolvedBy ?? 'a manager'} on ${dispute.resolvedAt?.toISOString().replace('T', ' ').slice(0, 16) ?? '?'} UTC.`,
    { params: { resolvedBy: dispute.resolvedBy, resolvedAt: dispute.resolvedAt, state: dispute.state } },
  );

export const resolveDispute = async (
  deps: ResolveDeps,
  input: { actor: Actor; actorName: string | null; disputeId: string; resolution: Resolution; note: string; now: Date },
): Promise<DisputeRecord> => {
  const dispute = await loadDisputeFor(deps, input.actor, input.disputeId);
  if (dispute.state !== 'open') throw alreadyResolved(dispute);
  const problem = checkFreeText(input.note, DISPUTE_NOTE_MAX);
  if (problem) {
    throw new AppError(
      'dispute_note_invalid',
      problem === 'empty' ? 'Add a note for the agent: it is required.' : `Keep the note to ${DISPUTE_NOTE_MAX} characters or fewer.`,
      {
        params: { field: 'note' },
      },
    );
  }
  const change = 'change' in input.resolution ? input.resolution.change : null;
  const done = await deps.disputes.resolve({
    id: dispute.id,
    state: change === null ? 'kept' : 'changed',
    by: resolverLabel(input.actor, input.actorName),
    note: input.note.trim(),
    level: change,
    at: input.now,
  });
  const after = (await deps.disputes.find(dispute.id)) as DisputeRecord;
  if (!done) throw alreadyResolved(after);
  return after;
};
