import type { DirectoryRepository } from '../db/directory-repository.ts';
import { AppError } from '../domain/app-error.ts';
import { decideScorecardAccess, type ScorecardRefusal } from '../domain/readiness-access.ts';
import type { ReadinessThresholds, Scorecard } from '../domain/readiness/index.ts';
import type { CallTypeDef } from '../domain/types.ts';
import { composeAgentReport, loadAgentReportSource, type ReadinessDeps } from './build-readiness-report.ts';
import { callTypeNamesOf, loadViewer } from './load-viewer.ts';

// `/readiness [@agent] [call type]`: whose scorecard the person asking may see, as whom, and the report
// with the rubric and names its renderer needs. Story: read the request → who asks → may they (pure) →
// the report. Each person is looked up once, the call types read once.

/** What was asked for: `agentRef` a Slack user id, email or external id (null = the asker's own card); `callType` a configured key or null. */
export interface ScorecardRequest {
  agentRef: string | null;
  callType: string | null;
}

/** The refusal as an AppError with its code and parameters (a manager who named nobody also gets their teams' agents to pick from). */
const refusalError = async (directory: DirectoryRepository, refusal: ScorecardRefusal): Promise<AppError> => {
  if (refusal.code === 'agent_missing') {
    const teams = await Promise.all(
      refusal.params.managedTeams.map(async (team) => ({ team, agents: await directory.listAgents({ teamKey: team.key }) })),
    );
    return new AppError(refusal.code, 'You are not an agent, so you have no scorecard of your own: name an agent of a team you manage.', { params: { teams } });
  }
  const words: Record<Exclude<ScorecardRefusal['code'], 'agent_missing'>, string> = {
    viewer_unknown: 'You are neither an agent nor a team manager in the floorready config.',
    scorecard_forbidden: 'That scorecard is not yours to see.',
    agent_unknown: 'No such agent is configured in floorready.',
  };
  return new AppError(refusal.code, words[refusal.code], { params: refusal.params });
};

export const showScorecard = async (
  deps: ReadinessDeps,
  input: { userId: string; thresholds: ReadinessThresholds; readRequest: (callTypes: readonly CallTypeDef[]) => ScorecardRequest },
): Promise<Scorecard> => {
  const { directory } = deps;
  const callTypes = await directory.callTypes();
  const request = input.readRequest(callTypes);
  const viewer = await loadViewer(directory, input.userId);
  const named = request.agentRef !== null && request.agentRef !== input.userId ? await directory.findAgent(request.agentRef) : null;
  const access = decideScorecardAccess(viewer, request.agentRef, named);
  if ('refused' in access) throw await refusalError(directory, access.refused);
  const source = await loadAgentReportSource(deps, {
    agent: access.agent,
    ...(request.callType ? { callType: request.callType } : {}),
    thresholds: input.thresholds,
    callTypes,
  });
  return {
    result: composeAgentReport(source, deps.now()),
    criteria: source.criteria,
    audience: access.audience,
    callTypeNames: callTypeNamesOf(callTypes),
    callTypeFilter: request.callType,
  };
};
