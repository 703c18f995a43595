import type { ScorecardAudience } from '../access/index.ts';
import type { ExcludedCallRecord, TeamRecord } from '../records.ts';
import type { ScoreConsistency } from '../statistics/index.ts';
import type { Criterion } from '../types.ts';
import type { AgentReadiness, ReadinessStatus, ScorerTrust, TeamFindings, Trends } from './types.ts';
import type { TrendChart } from '../charts/trend-chart.ts';

// The readiness reports as the use cases build them and every renderer (CLI, JSON, CSV, Slack) reads them.

export interface AgentReadinessReport {
  report: AgentReadiness;
  /** The agent's calls a manager excluded from every figure: who, when and why. */
  exclusions: ExcludedCallRecord[];
  team: TeamRecord | null;
  teamFindings: TeamFindings | null;
  rubricVersion: number;
  generatedAt: Date;
}

export interface TeamReadinessReport {
  team: TeamRecord;
  agents: AgentReadiness[];
  /** The scorer of the team's scores and its agreement with the team's reviewers. */
  trust: ScorerTrust;
  findings: TeamFindings;
  trends: Trends;
  /** How consistent one call is: share of variance between agents (ICC), calls for ±5 points, or too little data. */
  consistency: ScoreConsistency;
  rubricVersion: number;
  generatedAt: Date;
}

/** One agent's report as a scorecard shows it, with the rubric and the names its renderers need. */
export interface Scorecard {
  result: AgentReadinessReport;
  /** The rubric's criteria (names of the program's targeted criteria). */
  criteria: readonly Criterion[];
  audience: ScorecardAudience;
  /** Display names of call types by key. */
  callTypeNames: Readonly<Record<string, string>>;
  /** The call type the card was narrowed to (kept in the Approve button, to redraw the card the same). */
  callTypeFilter: string | null;
  /** The agent's open disputes (issue 19), newest first: figures that may still change; absent = not loaded. */
  openDisputes?: readonly ScorecardDispute[];
}

/** An open dispute as the scorecard lists it. */
export interface ScorecardDispute {
  id: string;
  /** The call's external id, else its id. */
  callRef: string;
  criterionName: string;
  raisedAt: Date;
}

/** One agent of a managed team, as a manager's Home lists them. */
export interface HomeTeamAgent {
  displayName: string;
  slackUserId: string | null;
  callTypes: { callType: string; status: ReadinessStatus }[];
}

/** A team its manager sees on their Home. */
export interface HomeTeam {
  key: string;
  name: string;
  agents: HomeTeamAgent[];
  /** Which scorer made the team's scores and how well it agrees with the team's reviewers. */
  trust?: ScorerTrust | null;
  /** The team's weekly trend per criterion against the thresholds, for the Home's chart. */
  chart?: TrendChart | null;
}

/** What a person's Home shows: their own scorecard when they are an agent, the teams they manage, or neither. */
export interface Home {
  userId: string;
  own: Omit<Scorecard, 'audience' | 'callTypeFilter'> | null;
  teams: HomeTeam[] | null;
  callTypeNames: Readonly<Record<string, string>>;
  /** The viewer's own weekly trend per criterion against the thresholds (agents only), for the Home's chart. */
  ownChart?: TrendChart | null;
}
