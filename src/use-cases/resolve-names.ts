import type { RubricRecord } from '../domain/stored-records.ts';
import type { DirectoryRepository } from './ports.ts';
import { AppError } from '../domain/app-error.ts';
import { findByKeyOrName } from '../domain/key-or-name.ts';
import type { CallTypeDef } from '../domain/types.ts';

// Call types as a user names them (agents: resolve-access.ts), resolved against the directory. Kept apart from the
// ingest pipeline so that read commands (readiness, calls) do not load the parsers and the PII redaction.

/** The key of the call type named by its key or name, any case (`ESCALATION`, `Billing dispute`); `call_type_unknown` otherwise. */
export const assertKnownCallType = async (directory: DirectoryRepository, callType: string): Promise<string> =>
  assertCallTypeIn(await directory.callTypes(), callType);

/** As assertKnownCallType, against call types the caller has already read. */
export const assertCallTypeIn = (known: readonly CallTypeDef[], callType: string): string => {
  const found = findByKeyOrName(known, callType);
  if (found === null) {
    const list = known.map((type) => `${type.key} (${type.name})`).join(', ') || '(none configured)';
    throw new AppError('call_type_unknown', `Unknown call type "${callType}". Configured call types: ${list} (by key or name, any case).`);
  }
  return found.key;
};

/** The rubric in force; `rubric_missing` (what to run) when none has been applied yet. */
export const requireRubric = async (directory: Pick<DirectoryRepository, 'currentRubric'>): Promise<RubricRecord> => {
  const rubric = await directory.currentRubric();
  if (!rubric) throw new AppError('rubric_missing', 'No rubric has been applied yet: run `npx floorready config apply` first.');
  return rubric;
};
