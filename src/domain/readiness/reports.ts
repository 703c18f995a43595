import type { ExcludedCallRecord, TeamRecord } from '../records.ts';
import type { AgentReadiness, ScorerTrust, TeamFindings, Trends } from './types.ts';

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
  rubricVersion: number;
  generatedAt: Date;
}
