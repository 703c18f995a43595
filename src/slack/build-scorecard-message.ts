import type { AgentRecord } from '../db/directory-repository.ts';
import type { CallTypeDef } from '../domain/types.ts';
import { buildReadinessReport } from '../use-cases/build-readiness-report.ts';
import { buildScorecardBlocks, type ScorecardAudience } from './blocks/build-scorecard-blocks.ts';
import type { SlackMessage } from './blocks/limits.ts';
import type { SlackDeps } from './slack-deps.ts';

/** The readiness report of one agent (the use case), rendered as the Slack scorecard for this audience. */
export const buildScorecardMessage = async (
  deps: SlackDeps,
  input: { agent: AgentRecord; audience: ScorecardAudience; callType: string | null; callTypes: readonly CallTypeDef[]; notice?: string },
): Promise<SlackMessage> => {
  const { directory } = deps.services;
  const [result, rubric] = await Promise.all([
    buildReadinessReport(deps.services, {
      agent: input.agent.key,
      ...(input.callType ? { callType: input.callType } : {}),
      thresholds: deps.thresholds,
    }),
    directory.currentRubric(),
  ]);
  const { text, blocks } = buildScorecardBlocks({
    result,
    criteria: rubric?.criteria ?? [],
    audience: input.audience,
    callTypeNames: Object.fromEntries(input.callTypes.map((type) => [type.key, type.name])),
    callTypeFilter: input.callType,
    notice: input.notice ?? null,
  });
  return { text, blocks };
};
