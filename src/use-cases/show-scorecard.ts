import type { DirectoryRepository } from './ports.ts';
import { AppError } from '../domain/app-error.ts';
import { refusalFor } from '../domain/access/index.ts';
import type { ReadinessThresholds, Scorecard } from '../domain/readiness/index.ts';
import type { AgentRecord, TeamRecord } from '../domain/records.ts';
import type { CallTypeDef } from '../domain/types.ts';
import { composeAgentReport, loadAgentReportSource, loadOpenDisputes, type ReadinessDeps } from './build-readiness-report.ts';
import { callTypeNamesOf } from './call-type-names.ts';
import { accessRefused, authoriseOnAgent, identifySlackUser } from './resolve-access.ts';

// `/readiness [@agent] [call type]`: whose scorecard the person asking may see, as whom, and the report
// with the rubric and names its renderer needs. Story: read the request → who asks → what they may reach
// (before any agent is looked up) → the agent among those → the report.

/** What was asked for: `agentRef` a Slack user id, email or external id (null = the asker's own card); `callType` a configured key or null. */
export interface ScorecardRequest {
  agentRef: string | null;
  callType: string | null;
}

/** A manager who is no agent and named nobody: the agents of their teams to pick from. */
const agentMissing = async (directory: Pick<DirectoryRepository, 'listAgents'>, teams: readonly TeamRecord[]) =>
  new AppError('agent_missing', 'You are not an agent, so you have no scorecard of your own: name an agent of a team you manage.', {
    params: { teams: await Promise.all(teams.map(async (team) => ({ team, agents: await directory.listAgents({ teamKey: team.key }) }))) },
  });

export const showScorecard = async (
  deps: ReadinessDeps,
  input: { userId: string; thresholds: ReadinessThresholds; readRequest: (callTypes: readonly CallTypeDef[]) => ScorecardRequest },
): Promise<Scorecard> => {
  const { directory } = deps;
  const callTypes = await directory.callTypes();
  const request = input.readRequest(callTypes);
  const person = await identifySlackUser(directory, input.userId);
  let access: { agent: AgentRecord; as: 'agent' | 'manager' };
  if (request.agentRef === null) {
    if (person.agent) access = { agent: person.agent, as: 'agent' };
    else if (person.managedTeams.length > 0) throw await agentMissing(directory, person.managedTeams);
    else throw accessRefused(refusalFor(person, 'see_scorecard', 'unknown_person'));
  } else {
    access = await authoriseOnAgent(directory, person, 'see_scorecard', request.agentRef);
  }
  const source = await loadAgentReportSource(deps, {
    agent: access.agent,
    ...(request.callType ? { callType: request.callType } : {}),
    thresholds: input.thresholds,
    callTypes,
  });
  return {
    result: await composeAgentReport(source, deps.now()),
    criteria: source.criteria,
    audience: access.as,
    callTypeNames: callTypeNamesOf(callTypes),
    callTypeFilter: request.callType,
    openDisputes: await loadOpenDisputes(deps, source),
  };
};
