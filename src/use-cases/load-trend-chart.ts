import { AppError, isAppError } from '../domain/app-error.ts';
import { buildTrendChart, type TrendChart } from '../domain/charts/index.ts';
import type { ReadinessThresholds } from '../domain/readiness/index.ts';
import {
  buildTeamReport,
  composeAgentReport,
  loadAgentReportSource,
  UNSPECIFIED_CALL_TYPE,
  type ReadinessDeps,
} from './build-readiness-report.ts';
import { callTypeNamesOf } from './call-type-names.ts';
import { findTeam } from './find-team.ts';

/**
 * The 8-week trend chart of a team (named by key or name) or of one agent (Slack id, email, external id
 * or name), as the digest and the Home tab draw it. `callType` narrows an agent's chart to the calls of
 * one call type; a team's chart pools every call. A name that is neither is refused with the teams.
 */
export const loadTrendChart = async (
  deps: ReadinessDeps,
  input: { subject: string; callType?: string; thresholds: ReadinessThresholds },
): Promise<TrendChart> => {
  const team = await findTeam(deps.directory, input.subject);
  if (team) {
    if (input.callType) {
      throw new AppError(
        'chart_type_for_team',
        `--type narrows an agent's chart; "${input.subject}" is a team, whose chart pools every call type. Leave out --type.`,
      );
    }
    const [report, rubric] = await Promise.all([
      buildTeamReport(deps, { team: team.key, thresholds: input.thresholds }),
      deps.directory.currentRubric(),
    ]);
    return buildTrendChart({
      subject: { kind: 'team', key: team.key, name: team.name },
      trends: report.trends,
      criteria: rubric?.criteria ?? [],
      thresholds: input.thresholds,
      programs: report.agents.map((agent) => agent.program),
    });
  }
  let source: Awaited<ReturnType<typeof loadAgentReportSource>>;
  try {
    source = await loadAgentReportSource(deps, {
      agent: input.subject,
      thresholds: input.thresholds,
      ...(input.callType ? { callType: input.callType } : {}),
    });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'agent_unknown') throw error;
    const teams = (await deps.directory.listTeams()).map((known) => known.key).join(', ') || '(none configured)';
    throw new AppError(
      'chart_subject_unknown',
      `No team or agent "${input.subject}". Teams: ${teams}. Agents are named by Slack user id, email, external id or name.`,
    );
  }
  const { callType } = source;
  // The trend of one call type: the agent's calls of that type only.
  const own = callType
    ? {
        ...source.own,
        callsByAgent: new Map(
          [...source.own.callsByAgent].map(
            ([id, calls]) => [id, calls.filter((call) => (call.callType ?? UNSPECIFIED_CALL_TYPE) === callType)] as const,
          ),
        ),
      }
    : source.own;
  const { report } = await composeAgentReport({ ...source, own }, deps.now());
  const typeName = callType ? (callTypeNamesOf(await deps.directory.callTypes())[callType] ?? callType) : null;
  return buildTrendChart({
    subject: {
      kind: 'agent',
      key: callType ? `${report.agent.key}-${callType}` : report.agent.key,
      name: typeName ? `${report.agent.displayName} · ${typeName}` : report.agent.displayName,
    },
    trends: report.trends,
    criteria: source.criteria,
    thresholds: input.thresholds,
    programs: [report.program],
  });
};
