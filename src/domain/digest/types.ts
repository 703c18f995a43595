// The weekly team digest as figures: pure data, built by buildDigestFigures and rendered by the Block
// Kit builders. The channel copy names people only for good news; `needsAttention` and `namesBelow` are
// for the managers' copy.

import type { PublishedChart, TrendChart } from '../charts/index.ts';
import type { ReadinessStatus } from '../readiness/index.ts';
import type { ScoreConsistency } from '../statistics/index.ts';

export interface DigestPeriod {
  /** Monday 00:00 of the reported week in the team's time zone. */
  start: Date;
  /** Exclusive: Monday 00:00 of the week after. */
  end: Date;
  /** e.g. "2026-W39". */
  isoWeek: string;
  timeZone: string;
}

/** Figures of one criterion (or the overall, key 'overall'): team baseline, post-training, latest batches. */
export interface DigestCriterion {
  key: string;
  name: string;
  targeted: boolean;
  baseline: number | null;
  postTraining: number | null;
  delta: number | null;
  /** Team mean of the agents' latest batches, compared with the threshold. */
  latest: number | null;
  threshold: number;
}

export interface DigestGroup {
  /** Call type key or frustration level. */
  group: string;
  label: string;
  calls: number;
  /** Mean of the targeted criteria in the group's post-training live calls. */
  targeted: number | null;
  /** That minus the team baseline of the targeted criteria. */
  delta: number | null;
}

export interface DigestGap {
  criterion: string;
  name: string;
  teamMean: number;
  threshold: number;
  agentsBelow: number;
  agentsWithData: number;
  /** Names of the agents below: for the managers' copy only. */
  namesBelow: string[];
}

export interface DigestRoleplayGap {
  criterion: string;
  name: string;
  roleplay: number;
  roleplayCalls: number;
  live: number;
  liveCalls: number;
  gap: number;
  /** gap ≥ rules.roleplayGap. */
  flagged: boolean;
}

export interface DigestAttention {
  agentName: string;
  /** One line per coaching recommendation: what to do. */
  actions: string[];
}

export interface WeeklyDigest {
  team: { key: string; name: string; digestChannel: string | null; managers: { slackUserId: string | null; name: string | null }[] };
  period: DigestPeriod;
  rubricVersion: number;
  agents: number;
  callsThisWeek: number;
  postTrainingCalls: number;
  targetedCriteria: string[];
  overall: DigestCriterion;
  criteria: DigestCriterion[];
  /** Overall team mean per ISO week, the reported week last (8 weeks). */
  weeklyOverall: { weekStart: Date; calls: number; overall: number | null }[];
  /** The same weeks per criterion, each against its threshold, with the training marked: the digest's chart. */
  trendChart: TrendChart;
  becameReady: { agentName: string; callType: string; callTypeName: string; status: ReadinessStatus }[];
  teamWideGaps: DigestGap[];
  roleplayVsLive: DigestRoleplayGap[];
  /** The seed's questions. `improvedBy` is the rules' improvement bound (points). */
  questions: {
    improvedBy: number;
    minCallsPerGroup: number;
    targeted: DigestCriterion[];
    callTypes: DigestGroup[];
    frustration: DigestGroup[];
    adjacent: DigestCriterion[];
  };
  needsAttention: DigestAttention[];
  /**
   * Early warnings as of the end of the week (ADR 0032): very low live calls of agents who have no two batches
   * yet. For the managers' copy only: it counts them per agent; each call is in `floorready readiness <agent>`.
   */
  earlyWarnings: DigestEarlyWarnings;
  /** How consistent a single call is as a measure of an agent (ICC(1), ADR 0031), or why it cannot be said. */
  consistency: ScoreConsistency;
}

export interface DigestEarlyWarnings {
  /** Early calls to look at, all agents. */
  calls: number;
  /** Of those, the calls that happened in the reported week. */
  thisWeek: number;
  /** Per agent with at least one, most first. */
  agents: { agentName: string; agentKey: string; calls: number; thisWeek: number }[];
}

/** Who a copy of the digest is for: the team channel (no one named negatively), or a manager (who needs attention too). */
export type DigestAudience = 'channel' | 'manager';

/** One copy of a team's weekly digest as the use case sends it: the sender renders it for its channel. */
export interface DigestCopy {
  audience: DigestAudience;
  digest: WeeklyDigest;
  /** The trend chart uploaded to Slack, shown as an image; null or absent when there is none (or the upload failed). */
  chart?: PublishedChart | null;
}
