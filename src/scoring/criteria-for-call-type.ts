import { appliesToCallType } from '../domain/readiness/applicable-criteria.ts';
import type { Criterion, Rubric } from '../domain/types.ts';

/** The rubric's criteria that apply to the call type, in rubric order. */
export const criteriaForCallType = (rubric: Rubric, callType: string | null): Criterion[] =>
  rubric.criteria.filter((criterion) => appliesToCallType(criterion, callType));
