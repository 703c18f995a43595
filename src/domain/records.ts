import type { CallKind } from './types.ts';

// What the repositories return about people, teams and exclusions: plain records, so the use cases, the
// reports and the renderers (CLI, Slack) share them without reaching into the database layer.

export interface AgentRecord {
  id: string;
  key: string;
  displayName: string;
  slackUserId: string | null;
  email: string | null;
  teamId: string | null;
  teamKey: string | null;
  active: boolean;
  externalIds: string[];
  names: string[];
}

export interface ProgramRecord {
  id: string;
  key: string;
  name: string;
  targetedCriteria: string[];
  startsAt: Date;
  completesAt: Date;
  /** 'none': new hires, with no pre-training calls to compare with. */
  baseline: 'pre_training' | 'none';
}

export interface TeamRecord {
  id: string;
  key: string;
  name: string;
  digestChannel: string | null;
  timeZone: string;
  /** The company's names as its agents say them, and the team's own greetings (role cues in transcripts). */
  company: string[];
  greetings: string[];
  managers: { slackUserId: string | null; email: string | null; name: string | null }[];
}

export interface ExclusionRecord {
  id: string;
  callId: string;
  reason: string;
  by: string;
  createdAt: Date;
  undoneAt: Date | null;
  undoneBy: string | null;
}

/** An active exclusion with the call it takes out of the figures. */
export interface ExcludedCallRecord extends ExclusionRecord {
  agentId: string;
  externalId: string | null;
  callType: string | null;
  kind: CallKind;
  occurredAt: Date;
}
