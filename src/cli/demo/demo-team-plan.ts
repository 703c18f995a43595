import type { CallKind, Frustration } from '../../domain/types.ts';
import type { Behaviours, EmpathyMiss } from './build-call-turns.ts';

// Who the demo agents are and how they behave, phase by phase. The shares are the probability that a
// call shows each behaviour; together with the example config's thresholds they make every if/then rule
// fire for one agent, and one agent reach readiness:
//   Ana Ruiz     improves and holds it: ready for basic inbound, but her close only just
//                clears the threshold: ready inside the margin of error              → readiness_reached
//   Ben Okafor   the same after training as before it                               → unchanged_from_baseline
//   Chloe Martin jumps right after training, then slides back                       → improved_then_dropped
//   Dev Patel    fine on basic inbound, loses it with angry customers on escalations → call_type_variance
//   Eli Brooks   does it in roleplay, not on live calls (only 15 calls before the training: insufficient baseline)
//                                                                                   → roleplay_live_gap
//                no batch yet (9 calls a period), so his very low live calls are early warnings to Maya
//   the team     rarely recaps and confirms next steps at the close                 → team_wide_low

export type Profile = Record<keyof Behaviours, number>;
export type Phase = 'baseline' | 'roleplay' | 'post_training';

export interface PlanBlock {
  phase: Phase;
  kind: CallKind;
  callType: string;
  calls: number;
  /** First day of the window (UTC) and its length: calls spread evenly over it. */
  from: string;
  days: number;
  profile: Profile;
  /** Share of calls per customer frustration level. */
  frustration: Partial<Record<Frustration, number>>;
  empathyMiss: EmpathyMiss;
}

export interface AgentPlan {
  /** The agent's external id in the example config. */
  ref: string;
  name: string;
  story: string;
  blocks: PlanBlock[];
}

/** The example config's program: empathy-2026 starts 2026-08-03 and completes 2026-08-14. */
const BASELINE_FROM = '2026-06-01';
const BASELINE_DAYS = 61;
const TRAINING_FROM = '2026-08-03';
const TRAINING_DAYS = 11;
const COMPLETES = Date.UTC(2026, 7, 14);
const PERIOD_DAYS = 14;
/** Four whole 14-day periods between completion and the demo clock (2026-10-09). */
const PERIODS = 4;

const profile = (empathy: number, listening: number, tone: number, resolution: number, close: number): Profile => ({
  empathy,
  listening,
  tone,
  resolution,
  close,
});
const periodStart = (index: number): string => new Date(COMPLETES + index * PERIOD_DAYS * 86_400_000).toISOString().slice(0, 10);

const CALM_OR_MILD = { none: 0.3, mild: 0.7 };
const MOSTLY_MILD = { mild: 0.8, high: 0.2 };
const ANGRY = { high: 1 };

const baseline = (
  callType: string,
  calls: number,
  p: Profile,
  frustration: PlanBlock['frustration'],
  empathyMiss: EmpathyMiss,
): PlanBlock => ({
  phase: 'baseline',
  kind: 'live',
  callType,
  calls,
  from: BASELINE_FROM,
  days: BASELINE_DAYS,
  profile: p,
  frustration,
  empathyMiss,
});
const roleplay = (
  callType: string,
  calls: number,
  p: Profile,
  frustration: PlanBlock['frustration'],
  empathyMiss: EmpathyMiss,
): PlanBlock => ({
  phase: 'roleplay',
  kind: 'roleplay',
  callType,
  calls,
  from: TRAINING_FROM,
  days: TRAINING_DAYS,
  profile: p,
  frustration,
  empathyMiss,
});
/** Live calls after completion, `calls` in each 14-day period; `profiles` per period (the last one repeats). */
const postTraining = (
  callType: string,
  calls: number,
  profiles: Profile[],
  frustration: PlanBlock['frustration'],
  empathyMiss: EmpathyMiss,
): PlanBlock[] =>
  Array.from({ length: PERIODS }, (_, index) => ({
    phase: 'post_training' as const,
    kind: 'live' as const,
    callType,
    calls,
    from: periodStart(index),
    days: PERIOD_DAYS,
    profile: profiles[Math.min(index, profiles.length - 1)] as Profile,
    frustration,
    empathyMiss,
  }));

export const DEMO_TEAM_PLAN: readonly AgentPlan[] = [
  {
    ref: 'AG-101',
    name: 'Ana Ruiz',
    story: 'improves on every criterion and holds it',
    blocks: [
      baseline('basic_inbound', 25, profile(0.45, 0.4, 0.9, 0.7, 0.7), CALM_OR_MILD, 'stock'),
      roleplay('basic_inbound', 4, profile(0.97, 0.95, 1, 0.95, 0.93), CALM_OR_MILD, 'stock'),
      // The close only just above the threshold, with the spread of 18 calls: ready, inside the margin.
      ...postTraining('basic_inbound', 18, [profile(0.97, 0.95, 1, 0.95, 0.8)], CALM_OR_MILD, 'stock'),
    ],
  },
  {
    ref: 'AG-102',
    name: 'Ben Okafor',
    story: 'the same after the training as before it',
    blocks: [
      baseline('basic_inbound', 25, profile(0.6, 0.45, 0.9, 0.8, 0.35), CALM_OR_MILD, 'stock'),
      roleplay('basic_inbound', 4, profile(0.6, 0.45, 0.9, 0.8, 0.35), CALM_OR_MILD, 'stock'),
      ...postTraining('basic_inbound', 18, [profile(0.6, 0.45, 0.9, 0.8, 0.35)], CALM_OR_MILD, 'stock'),
    ],
  },
  {
    ref: 'AG-103',
    name: 'Chloe Martin',
    story: 'jumps right after the training, then slides back',
    blocks: [
      baseline('billing_dispute', 25, profile(0.35, 0.35, 0.9, 0.85, 0.4), MOSTLY_MILD, 'none'),
      roleplay('billing_dispute', 4, profile(0.95, 0.85, 0.95, 0.9, 0.4), MOSTLY_MILD, 'none'),
      ...postTraining(
        'billing_dispute',
        18,
        [
          profile(0.95, 0.85, 0.95, 0.9, 0.4),
          profile(0.95, 0.85, 0.95, 0.9, 0.4),
          profile(0.85, 0.85, 0.95, 0.9, 0.4),
          profile(0.78, 0.85, 0.95, 0.9, 0.4),
        ],
        MOSTLY_MILD,
        'none',
      ),
    ],
  },
  {
    ref: 'AG-104',
    name: 'Dev Patel',
    story: 'fine on basic inbound, loses it with angry customers on escalations',
    blocks: [
      baseline('basic_inbound', 20, profile(0.4, 0.4, 0.85, 0.8, 0.35), CALM_OR_MILD, 'stock'),
      baseline('escalation', 7, profile(0.1, 0.3, 0.3, 0.3, 0.2), ANGRY, 'none'),
      roleplay('basic_inbound', 4, profile(0.97, 0.9, 1, 0.95, 0.35), CALM_OR_MILD, 'stock'),
      ...postTraining('basic_inbound', 18, [profile(0.97, 0.9, 1, 0.95, 0.35)], CALM_OR_MILD, 'stock'),
      ...postTraining('escalation', 8, [profile(0.1, 0.3, 0.2, 0.3, 0.2)], ANGRY, 'none'),
    ],
  },
  {
    ref: 'AG-105',
    name: 'Eli Brooks',
    story: 'does it in roleplay, not yet on live calls',
    blocks: [
      baseline('basic_inbound', 15, profile(0.3, 0.45, 0.9, 0.85, 0.4), MOSTLY_MILD, 'none'),
      roleplay('basic_inbound', 10, profile(1, 0.5, 1, 0.85, 0.4), MOSTLY_MILD, 'none'),
      ...postTraining('basic_inbound', 9, [profile(0.25, 0.5, 0.9, 0.85, 0.4)], MOSTLY_MILD, 'none'),
    ],
  },
];
