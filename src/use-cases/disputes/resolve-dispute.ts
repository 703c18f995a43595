import { AppError } from '../../domain/app-error.ts';
import type { Person } from '../../domain/access/index.ts';
import { checkFreeText, DISPUTE_NOTE_MAX, type DisputeRecord } from '../../domain/disputes/index.ts';
import type { Level } from '../../domain/types.ts';
import type { Repositories } from '../ports.ts';
import { authoriseOnDispute, recordedDecider } from '../resolve-access.ts';

// A manager of the agent's team resolves a dispute: changes the score (a human score of the new level,
// reviewer = the manager, the dispute as its source) or keeps it, with a note either way. From Slack
// (identifySlackUser) and the CLI (identifyByRef of `--by`), under ADR 0021's one rule `resolve_dispute`;
// the manager is recorded as every decision records its decider (recordedDecider: "Name (U…)").

export type ResolveDeps = Pick<Repositories, 'directory' | 'disputes'>;

export type Resolution = { change: Level } | { keep: true };

/**
 * The dispute, if the person may resolve it. A dispute of an agent out of their reach is answered
 * `dispute_unknown`, exactly as one that does not exist; a caller who may resolve none is refused
 * (`access_refused`) before any dispute is read.
 */
export const loadDisputeFor = async (deps: ResolveDeps, person: Person, disputeId: string): Promise<DisputeRecord> =>
  (await authoriseOnDispute(deps.directory, person, disputeId, (id) => deps.disputes.find(id))).dispute;

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
  input: { person: Person; disputeId: string; resolution: Resolution; note: string; now: Date },
): Promise<DisputeRecord> => {
  const dispute = await loadDisputeFor(deps, input.person, input.disputeId);
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
    by: recordedDecider(input.person),
    note: input.note.trim(),
    level: change,
    at: input.now,
  });
  const after = (await deps.disputes.find(dispute.id)) as DisputeRecord;
  if (!done) throw alreadyResolved(after);
  return after;
};
