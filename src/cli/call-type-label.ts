import type { CallView } from '../use-cases/list-calls.ts';

/**
 * A call's type as `calls` and `show` print it: the key, and when it was inferred from the call's content, the
 * cue that decided ("billing_dispute (inferred from 'refund', 'charged')"); `unset` when there is none yet.
 */
export const callTypeLabel = (call: Pick<CallView, 'callType' | 'callTypeInferred' | 'callTypeInferredFrom'>, unset: string): string => {
  if (call.callType === null) return unset;
  if (!call.callTypeInferred) return call.callType;
  return `${call.callType} (${call.callTypeInferredFrom ?? 'inferred'})`;
};
