import type { CallRepository, ReadinessRepository } from './ports.ts';
import { AppError } from '../domain/app-error.ts';
import { redactPii } from '../ingest/redact-pii.ts';
import type { ExclusionRecord } from '../domain/records.ts';
import { findCallByRef } from './find-call.ts';
import { authoriseOnCall, identifyByRef, recordedDecider, type PeopleDirectory } from './resolve-access.ts';

/**
 * Excludes a call from every aggregate for a reason outside the agent's control, or undoes that: a
 * decision of a manager of the agent's team. Who `--by` is comes first, then the call among those of
 * the agents they may reach. The exclusion rows are never deleted: the audit trail keeps who excluded,
 * when and why, and who restored it when.
 */
export const excludeCall = async (
  deps: {
    calls: Pick<CallRepository, 'findByExternalId' | 'findById'>;
    readiness: ReadinessRepository;
    directory: PeopleDirectory;
    now: () => Date;
  },
  input: { call: string; reason?: string; by: string; undo?: boolean },
): Promise<{ action: 'excluded' | 'restored'; exclusion: ExclusionRecord }> => {
  const person = await identifyByRef(deps.directory, input.by);
  const ref = input.call.trim();
  const { call } = await authoriseOnCall(deps.directory, person, 'exclude', ref, (wanted) => findCallByRef(deps.calls, wanted));
  const by = recordedDecider(person);
  if (input.undo) {
    const undone = await deps.readiness.undoExclusion({ callId: call.id, by, at: deps.now() });
    if (!undone) throw new AppError('call_not_excluded', `Call ${ref} is not excluded; nothing to undo.`);
    return { action: 'restored', exclusion: undone };
  }
  const reason = input.reason?.trim();
  if (!reason) throw new AppError('reason_missing', 'Give the reason the call is outside the agent\'s control: --reason "<text>".');
  // A manager's note is stored text like any other: a customer's details in it are redacted first.
  const { exclusion, created } = await deps.readiness.exclude({ callId: call.id, reason: redactPii(reason).text, by, at: deps.now() });
  if (!created) {
    throw new AppError(
      'call_already_excluded',
      `Call ${ref} is already excluded (by ${exclusion.by}: ${exclusion.reason}). Use --undo to restore it.`,
    );
  }
  return { action: 'excluded', exclusion };
};
