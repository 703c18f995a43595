import { authoriseManager, managerRecordName } from './authorise-manager.ts';
import { findCall } from './find-call.ts';
import { AppError } from '../domain/app-error.ts';
import { redactPii } from '../ingest/redact-pii.ts';
import type { CallRecord, CallRepository } from '../db/call-repository.ts';
import type { DirectoryRepository } from '../db/directory-repository.ts';
import type { ExclusionRecord, ReadinessRepository } from '../db/readiness-repository.ts';

/** The manager of the call's agent that `by` names; an AppError that says who may otherwise. */
const authorise = async (directory: DirectoryRepository, call: CallRecord, ref: string, by: string) => {
  const [agent] = await directory.agentsById([call.agentId]);
  if (!agent) throw new AppError('call_agent_missing', `Call ${ref} belongs to an agent no longer in the config; nobody can exclude it until the agent is configured again.`);
  return authoriseManager(directory, agent, by, 'exclude');
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
  if (!by) throw new AppError('actor_missing', 'Say who does this: a manager of the agent\'s team, by name, email or Slack id.');
  const ref = input.call.trim();
  const call = await findCall(deps.calls, ref);
  const manager = managerRecordName(await authorise(deps.directory, call, ref, by));
  if (input.undo) {
    const undone = await deps.readiness.undoExclusion({ callId: call.id, by: manager, at: deps.now() });
    if (!undone) throw new AppError('call_not_excluded', `Call ${ref} is not excluded; nothing to undo.`);
    return { action: 'restored', exclusion: undone };
  }
  const reason = input.reason?.trim();
  if (!reason) throw new AppError('reason_missing', 'Give the reason the call is outside the agent\'s control: --reason "<text>".');
  // A manager's note is stored text like any other: a customer's details in it are redacted first.
  const { exclusion, created } = await deps.readiness.exclude({ callId: call.id, reason: redactPii(reason).text, by: manager, at: deps.now() });
  if (!created) {
    throw new AppError('call_already_excluded', `Call ${ref} is already excluded (by ${exclusion.by}: ${exclusion.reason}). Use --undo to restore it.`);
  }
  return { action: 'excluded', exclusion };
};
