import type { CallRecord } from '../domain/stored-records.ts';
import type { CallRepository } from './ports.ts';
import { AppError } from '../domain/app-error.ts';

/** A call by floorready's own id (shown by `npx floorready calls`) or by its external id, or null. */
export const findCallByRef = async (
  calls: Pick<CallRepository, 'findByExternalId' | 'findById'>,
  ref: string,
): Promise<CallRecord | null> => (await calls.findByExternalId(ref)) ?? (await calls.findById(ref));

/** As findCallByRef, for the operator (CLI read commands): `call_unknown` when none. */
export const findCall = async (calls: Pick<CallRepository, 'findByExternalId' | 'findById'>, ref: string): Promise<CallRecord> => {
  const call = await findCallByRef(calls, ref);
  if (!call) {
    throw new AppError('call_unknown', `No call with id or external id "${ref}". List calls and their ids with \`npx floorready calls\`.`, {
      params: { callRef: ref, scope: null },
    });
  }
  return call;
};
