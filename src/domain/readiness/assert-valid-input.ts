import { AppError } from '../app-error.ts';
import { messages } from './messages.ts';
import type { ProgramInfo, ReadinessThresholds } from './types.ts';

export const INVALID_THRESHOLDS = 'readiness.invalid_thresholds';
export const INVALID_PROGRAM = 'readiness.invalid_program';

const fail = (field: string, rule: string): never => {
  throw new AppError(INVALID_THRESHOLDS, messages.invalidThresholds(field, rule));
};

/** Throws an AppError naming the field when thresholds or program dates cannot give a sound judgement. */
export const assertValidInput = (thresholds: ReadinessThresholds, program: ProgramInfo | null = null): void => {
  const { baseline, batch, rules } = thresholds;
  if (!Number.isInteger(baseline.minCalls) || baseline.minCalls < 1) fail('baseline.minCalls', 'must be a whole number of at least 1');
  if (!Number.isInteger(baseline.maxCalls) || baseline.maxCalls < baseline.minCalls)
    fail('baseline.maxCalls', 'must be a whole number not below baseline.minCalls');
  if (!(batch.periodDays > 0)) fail('batch.periodDays', 'must be above 0');
  if (!Number.isInteger(batch.minCalls) || batch.minCalls < 1) fail('batch.minCalls', 'must be a whole number of at least 1');
  if (!Number.isInteger(batch.required) || batch.required < 1) fail('batch.required', 'must be a whole number of at least 1');
  if (!Number.isInteger(rules.minCallsPerGroup) || rules.minCallsPerGroup < 1)
    fail('rules.minCallsPerGroup', 'must be a whole number of at least 1');
  if (!Number.isInteger(rules.teamMinAgents) || rules.teamMinAgents < 1)
    fail('rules.teamMinAgents', 'must be a whole number of at least 1');
  if (!(rules.teamShareBelow >= 0 && rules.teamShareBelow <= 1)) fail('rules.teamShareBelow', 'must be between 0 and 1');
  for (const [field, value] of Object.entries(rules)) {
    if (!Number.isFinite(value) || value < 0) fail(`rules.${field}`, 'must be a number of at least 0');
  }
  if (program !== null && program.completesAt.getTime() < program.startsAt.getTime()) {
    throw new AppError(INVALID_PROGRAM, messages.invalidProgramDates(program.name));
  }
};
