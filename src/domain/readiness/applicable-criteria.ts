import type { Criterion } from '../types.ts';
import type { ReadinessThresholds } from './types.ts';

/** Whether a criterion applies to a call type (its `callTypes` null or empty = every type; an unknown type, null, = all). */
export const appliesToCallType = (criterion: Pick<Criterion, 'callTypes'>, callType: string | null): boolean =>
  callType === null || !criterion.callTypes || criterion.callTypes.length === 0 || criterion.callTypes.includes(callType);

/** The criteria that apply to a call type (a criterion with no call types applies to all). */
export const applicableCriteria = <C extends Pick<Criterion, 'callTypes'>>(criteria: readonly C[], callType: string): C[] =>
  criteria.filter((criterion) => appliesToCallType(criterion, callType));

/** The readiness threshold of a criterion: its override, else the overall threshold. */
export const thresholdFor = (thresholds: Pick<ReadinessThresholds, 'readiness'>, criterionKey: string): number =>
  thresholds.readiness.criteria[criterionKey] ?? thresholds.readiness.overall;
