import { AppError } from '../domain/app-error.ts';
import type { CallRepository } from '../db/call-repository.ts';
import type { ExclusionRecord, ReadinessRepository } from '../db/readiness-repository.ts';

/**
 * Excludes a call from every aggregate for a reason outside the agent's control, or undoes that. The
 * exclusion rows are never deleted: the audit trail keeps who excluded, why, and who restored it.
 */
export const excludeCall = async (
  deps: { calls: CallRepository; readiness: ReadinessRepository; now: () => Date },
  input: { externalId: string; reason?: string; by: string; undo?: boolean },
): Promise<{ action: 'excluded' | 'restored'; exclusion: ExclusionRecord }> => {
  const by = input.by.trim();
  if (!by) throw new AppError('actor_missing', 'Say who does this: --by <manager name, email or Slack id>.');
  const call = await deps.calls.findByExternalId(input.externalId);
  if (!call) throw new AppError('call_unknown', `No call with external id "${input.externalId}". List calls with \`npx floorready calls\`.`);
  if (input.undo) {
    const undone = await deps.readiness.undoExclusion({ callId: call.id, by, at: deps.now() });
    if (!undone) throw new AppError('call_not_excluded', `Call ${input.externalId} is not excluded; nothing to undo.`);
    return { action: 'restored', exclusion: undone };
  }
  const reason = input.reason?.trim();
  if (!reason) throw new AppError('reason_missing', 'Give the reason the call is outside the agent\'s control: --reason "<text>".');
  const active = await deps.readiness.activeExclusion(call.id);
  if (active) {
    throw new AppError('call_already_excluded', `Call ${input.externalId} is already excluded (by ${active.by}: ${active.reason}). Use --undo to restore it.`);
  }
  return { action: 'excluded', exclusion: await deps.readiness.exclude({ callId: call.id, reason, by, at: deps.now() }) };
};
