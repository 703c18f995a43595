import type { Home, HomeTeam, ReadinessThresholds } from '../domain/readiness/index.ts';
import { buildTrendChart } from '../domain/charts/index.ts';
import { buildTeamReport, composeAgentReport, loadAgentReportSource, type ReadinessDeps } from './build-readiness-report.ts';
import { callTypeNamesOf } from './call-type-names.ts';
import { identifySlackUser } from './resolve-access.ts';

/**
 * What a person's Home shows: their own readiness report when they are an agent (found by their Slack id
 * only), the readiness of every agent of the teams they manage, or neither (the set-up view).
 */
export const loadHome = async (deps: ReadinessDeps, input: { userId: string; thresholds: ReadinessThresholds }): Promise<Home> => {
  const { directory } = deps;
  const [viewer, callTypes] = await Promise.all([identifySlackUser(directory, input.userId), directory.callTypes()]);
  const callTypeNames = callTypeNamesOf(callTypes);
  const [own, teams] = await Promise.all([
    viewer.agent
      ? loadAgentReportSource(deps, { agent: viewer.agent, thresholds: input.thresholds }).then(async (source) => ({
          result: await composeAgentReport(source, deps.now()),
          criteria: source.criteria,
          callTypeNames,
        }))
      : null,
    viewer.managedTeams.length > 0
      ? Promise.all(
          viewer.managedTeams.map(async (team): Promise<HomeTeam> => {
            const [report, members] = await Promise.all([
              buildTeamReport(deps, { team: team.key, thresholds: input.thresholds }),
              directory.listAgents({ teamKey: team.key }),
            ]);
            const slackIds = new Map(members.map((member) => [member.id, member.slackUserId]));
            const criteria = (await directory.currentRubric())?.criteria ?? [];
            return {
              key: team.key,
              name: team.name,
              trust: report.trust,
              chart: buildTrendChart({
                subject: { kind: 'team', key: team.key, name: team.name },
                trends: report.trends,
                criteria,
                thresholds: input.thresholds,
                programs: report.agents.map((agent) => agent.program),
              }),
              agents: report.agents.map((agent) => ({
                displayName: agent.agent.displayName,
                slackUserId: slackIds.get(agent.agent.id) ?? null,
                callTypes: agent.callTypes.map((entry) => ({ callType: entry.callType, status: entry.status })),
              })),
            };
          }),
        )
      : null,
  ]);
  const ownChart = own
    ? buildTrendChart({
        subject: { kind: 'agent', key: own.result.report.agent.key, name: own.result.report.agent.displayName },
        trends: own.result.report.trends,
        criteria: own.criteria,
        thresholds: input.thresholds,
        programs: [own.result.report.program],
      })
    : null;
  return { userId: input.userId, own, teams, callTypeNames, ownChart };
};
