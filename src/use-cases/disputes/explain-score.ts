import type { WhyCriterion, WhyScore } from '../../domain/disputes/why-score.ts';
import { excerptAround } from '../../domain/disputes/index.ts';
import type { ReadinessThresholds } from '../../domain/readiness/index.ts';
import { describeCallScorer } from '../../domain/readiness/index.ts';
import type { Repositories } from '../ports.ts';
import { buildReadinessReport } from '../build-readiness-report.ts';
import { callTypeNamesOf } from '../call-type-names.ts';
import { authoriseOnCall, identifySlackUser } from '../resolve-access.ts';

// "Why this score?" (issue 19): per criterion of one call, the level and 0–100 score, the rationale,
// each evidence quote with the turns around it from the stored (redacted) transcript, the anchors of the
// given level and of exemplary, the scorer and its calibration line, and a human score where one
// replaced the AI's. Only the call's agent and the managers of the agent's team: access is decided from
// who asks before the call is read, and a call outside their scope is refused naming no one.

export type { WhyCriterion, WhyScore } from '../../domain/disputes/why-score.ts';

/**
 * Whether this Slack user may see why this call scored (ADR 0021's `see_why`): the call and its agent, or
 * `access_refused` / `call_unknown` (the same for a call out of reach as for one that does not exist).
 */
export const authoriseSeeWhy = async (services: Pick<Repositories, 'directory' | 'calls'>, slackUserId: string, callId: string) =>
  authoriseOnCall(services.directory, await identifySlackUser(services.directory, slackUserId), 'see_why', callId, (id) =>
    services.calls.findById(id),
  );

export const explainScore = async (
  services: Pick<Repositories, 'directory' | 'calls' | 'scores' | 'readiness' | 'disputes' | 'now'>,
  input: { slackUserId: string; callId: string; thresholds: ReadinessThresholds },
): Promise<WhyScore> => {
  const { call, agent } = await authoriseSeeWhy(services, input.slackUserId, input.callId);

  const [scores, evaluations, rubric, callTypes, open] = await Promise.all([
    services.scores.currentScores([call.id]),
    services.scores.currentAiEvaluations([call.id]),
    services.directory.currentRubric(),
    services.directory.callTypes(),
    services.disputes.openForCalls([call.id]),
  ]);
  const evaluation = evaluations.get(call.id);
  const trust = await buildReadinessReport(
    { directory: services.directory, readiness: services.readiness, now: services.now },
    { agent, thresholds: input.thresholds },
  )
    .then((report) => report.report.trust)
    .catch(() => null);
  const turns = call.turns ?? [];
  const criteria: WhyCriterion[] = [];
  for (const criterion of rubric?.criteria ?? []) {
    const ai = scores.find((row) => row.source === 'ai' && row.criterionKey === criterion.key);
    const human = scores.find((row) => row.source === 'human' && row.criterionKey === criterion.key);
    if (!ai && !human) continue;
    const level = ai?.level ?? null;
    const levelAnchor =
      level === null
        ? null
        : (criterion.levels?.[String(level) as '1'] ?? (level <= 2 ? criterion.deficient : level === 5 ? criterion.exemplary : null));
    criteria.push({
      key: criterion.key,
      name: criterion.name,
      applicable: ai?.applicable ?? true,
      level,
      score: ai?.score ?? null,
      rationale: ai?.rationale ?? null,
      evidence: (ai?.evidence ?? []).map((quote) => ({ ...quote, around: excerptAround(turns, [quote.turn], 1) })),
      givenAnchor: levelAnchor,
      exemplary: criterion.levels?.['5'] ?? criterion.exemplary,
      human: human ? { level: human.level, score: human.score, reviewer: human.reviewer, rationale: human.rationale } : null,
      openDispute: open.some((dispute) => dispute.criterionKey === criterion.key),
    });
  }
  const names = callTypeNamesOf(callTypes);
  return {
    call: {
      id: call.id,
      externalId: call.externalId,
      callTypeName: call.callType ? (names[call.callType] ?? call.callType) : null,
      kind: call.kind,
      occurredAt: call.occurredAt,
    },
    agentName: agent.displayName,
    scorerLine: evaluation
      ? describeCallScorer({ scorer: evaluation.scorer, model: evaluation.model }, trust)
      : 'No AI score: these scores were imported or given by a reviewer.',
    criteria,
  };
};
