// Test factory for the readiness domain: calls, programs, thresholds and the seed's rubric.

import type { Criterion } from '../../../src/domain/types.ts';
import { weightedOverall } from '../../../src/domain/weighted-overall.ts';
import type {
  AgentRef,
  Approval,
  BuildAgentReadinessInput,
  ProgramInfo,
  ReadinessThresholds,
  ScoredCall,
} from '../../../src/domain/readiness/index.ts';

export const DAY = 86_400_000;

const criterion = (key: string, name: string, weight: number, callTypes: string[] | null = null): Criterion => ({
  key,
  name,
  weight,
  description: name,
  exemplary: `exemplary ${name}`,
  deficient: `deficient ${name}`,
  callTypes,
});

export const CRITERIA: Criterion[] = [
  criterion('empathy', 'Empathy expression', 25),
  criterion('listening', 'Active listening', 20),
  criterion('tone', 'Tone consistency', 20),
  criterion('resolution', 'Problem resolution', 20),
  criterion('close', 'Close and follow-through', 15),
];
export const KEYS = CRITERIA.map((entry) => entry.key);

export const PROGRAM: ProgramInfo = {
  key: 'empathy-2025',
  name: 'Empathy 2025',
  startsAt: new Date('2025-01-01T00:00:00Z'),
  completesAt: new Date('2025-02-01T00:00:00Z'),
  targetedCriteria: ['empathy'],
};

export const NOW = new Date('2025-06-01T12:00:00Z');

export const AGENT: AgentRef = { id: 'agent-a', key: 'ana', displayName: 'Ana' };

export const thresholds = (
  overrides: { [K in keyof ReadinessThresholds]?: Partial<ReadinessThresholds[K]> | ReadinessThresholds[K] } = {},
): ReadinessThresholds => ({
  ...(overrides.requireMargin === undefined ? {} : { requireMargin: overrides.requireMargin as boolean }),
  ...(overrides.earlyWarning === undefined ? {} : { earlyWarning: { overall: 40, level: 1, ...(overrides.earlyWarning as object) } }),
  readiness: { overall: 80, criteria: {}, ...overrides.readiness },
  baseline: { minCalls: 20, maxCalls: 30, ...overrides.baseline },
  batch: { periodDays: 14, minCalls: 15, required: 2, ...overrides.batch },
  rules: {
    unchangedBand: 5,
    improvedBy: 5,
    droppedBy: 5,
    dropAfterDays: 14,
    callTypeSpread: 15,
    minCallsPerGroup: 5,
    roleplayGap: 15,
    teamShareBelow: 0.5,
    teamMinAgents: 3,
    ...overrides.rules,
  },
});

let sequence = 0;

export interface CallSpec {
  at: Date;
  /** Same score on every criterion, or per-criterion scores (others take `score`). */
  score?: number;
  scores?: Record<string, number>;
  type?: string;
  kind?: 'live' | 'roleplay';
  frustration?: ScoredCall['frustration'];
  moments?: ScoredCall['moments'];
  id?: string;
}

export const call = (spec: CallSpec): ScoredCall => {
  sequence += 1;
  const id = spec.id ?? `call-${String(sequence).padStart(5, '0')}`;
  const criteria = Object.fromEntries(KEYS.map((key) => [key, spec.scores?.[key] ?? spec.score ?? 80]));
  return {
    callId: id,
    externalId: `ext-${id}`,
    callType: spec.type ?? 'basic',
    kind: spec.kind ?? 'live',
    occurredAt: spec.at,
    frustration: spec.frustration ?? 'none',
    criteria,
    overall: weightedOverall(criteria, CRITERIA),
    ...(spec.moments ? { moments: spec.moments } : {}),
  };
};

/** `count` live calls before the program start (one a day, the latest the day before the start). */
export const baselineCalls = (count: number, spec: Omit<CallSpec, 'at'> = {}): ScoredCall[] =>
  Array.from({ length: count }, (_, index) => call({ ...spec, at: new Date(PROGRAM.startsAt.getTime() - (index + 1) * DAY) }));

/** Start of post-training period `index` (14-day periods unless told). */
export const periodStart = (index: number, periodDays = 14): Date => new Date(PROGRAM.completesAt.getTime() + index * periodDays * DAY);

/** `count` live calls inside post-training period `index`, an hour apart from its start. */
export const periodCalls = (index: number, count: number, spec: Omit<CallSpec, 'at'> = {}, periodDays = 14): ScoredCall[] =>
  Array.from({ length: count }, (_, offset) =>
    call({ ...spec, at: new Date(periodStart(index, periodDays).getTime() + (offset + 1) * 3_600_000) }),
  );

export const input = (overrides: Partial<BuildAgentReadinessInput> = {}): BuildAgentReadinessInput => ({
  agent: AGENT,
  program: PROGRAM,
  calls: [],
  criteria: CRITERIA,
  thresholds: thresholds(),
  approvals: [],
  now: NOW,
  ...overrides,
});

export const approval = (callType: string, approvedAt: Date, approvedBy = 'manager-1'): Approval => ({
  callType,
  approvedBy,
  approvedAt,
  evidence: { note: 'snapshot' },
});
