import type { RubricRecord } from '../../domain/stored-records.ts';
import type { AgentRecord, ProgramRecord, TeamRecord } from '../../domain/records.ts';
import type { Repositories } from '../ports.ts';
import { pickScoreSummary, type ScoreSummaryNotification } from '../../domain/notifications/index.ts';

/** The outbox key of an agent's score summary of one call: one DM per call, ever. */
export const scoreSummaryKey = (callId: string): string => `score-summary:${callId}`;

export interface PendingSummary {
  key: string;
  agent: AgentRecord;
  input: ScoreSummaryNotification;
}

/** Calls looked at per agent and run: the most recent scored ones. */
const RECENT_CALLS = 100;

/**
 * The score summaries still to send: calls scored by this app's scorer (state `scored`: a transcript
 * and evidence quotes; imported scores have neither) that happened in the window, are not excluded,
 * and have no outbox row yet. The window keeps a backfill of old calls from flooding an agent's DMs.
 */
export const loadScoreSummaries = async (
  services: Pick<Repositories, 'calls' | 'scores' | 'readiness'>,
  input: {
    agents: readonly AgentRecord[];
    rubric: RubricRecord;
    teams: ReadonlyMap<string, TeamRecord>;
    programs: ReadonlyMap<string, ProgramRecord>;
    callTypeNames: Readonly<Record<string, string>>;
    since: Date;
    /** A criterion's readiness threshold (config thresholds.readiness): no focus at or above it. */
    threshold: (criterionKey: string) => number;
    alreadyClaimed: (keys: readonly string[]) => Promise<Set<string>>;
    /** The sentence saying which scorer made a call's scores and how far the agent's team trusts it. */
    scorerNote?: (agentId: string, use: { scorer: string; model: string | null }) => string;
  },
): Promise<PendingSummary[]> => {
  const pending: PendingSummary[] = [];
  for (const agent of input.agents) {
    const recent = (await services.calls.list({ agentId: agent.id, state: 'scored', limit: RECENT_CALLS })).filter(
      (call) => call.occurredAt.getTime() >= input.since.getTime(),
    );
    if (recent.length === 0) continue;
    const claimed = await input.alreadyClaimed(recent.map((call) => scoreSummaryKey(call.id)));
    const candidates = [];
    for (const call of recent) {
      if (claimed.has(scoreSummaryKey(call.id))) continue;
      if (await services.readiness.activeExclusion(call.id)) continue;
      candidates.push(call);
    }
    if (candidates.length === 0) continue;
    const ids = candidates.map((call) => call.id);
    const [scores, evaluations] = await Promise.all([services.scores.currentScores(ids), services.scores.currentAiEvaluations(ids)]);
    const team = agent.teamKey ? (input.teams.get(agent.teamKey) ?? null) : null;
    const targeted = input.programs.get(agent.id)?.targetedCriteria ?? [];
    // Oldest first, so an agent reads them in the order the calls happened.
    for (const call of [...candidates].reverse()) {
      const summary = pickScoreSummary(
        scores.filter((row) => row.callId === call.id),
        input.rubric.criteria,
        targeted,
        { threshold: input.threshold, heldForReview: call.reviewReason !== null },
      );
      pending.push({
        key: scoreSummaryKey(call.id),
        agent,
        input: {
          agentName: agent.displayName,
          call: {
            id: call.id,
            externalId: call.externalId,
            callTypeName: call.callType ? (input.callTypeNames[call.callType] ?? call.callType) : null,
            kind: call.kind,
            occurredAt: call.occurredAt,
          },
          summary,
          managers: team?.managers ?? [],
          scorer: evaluations.get(call.id)?.scorer ?? 'unknown',
          scorerNote:
            input.scorerNote?.(agent.id, {
              scorer: evaluations.get(call.id)?.scorer ?? 'unknown',
              model: evaluations.get(call.id)?.model ?? null,
            }) ?? null,
        },
      });
    }
  }
  return pending;
};
