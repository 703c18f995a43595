import type { Criterion, Rubric } from '../domain/types.ts';

/** Whether a criterion applies to a call type (its `callTypes` null or empty = every type; unknown type = all). */
export const appliesToCallType = (criterion: Criterion, callType: string | null): boolean =>
  callType === null || !criterion.callTypes || criterion.callTypes.length === 0 || criterion.callTypes.includes(callType);

/** The rubric's criteria that apply to the call type, in rubric order. */
export const criteriaForCallType = (rubric: Rubric, callType: string | null): Criterion[] =>
  rubric.criteria.filter((criterion) => appliesToCallType(criterion, callType));
