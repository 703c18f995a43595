import type { AgentRecord, TeamRecord } from '../../domain/records.ts';
import {
  disputeOpenedKey,
  disputeOutcomeKey,
  excerptAround,
  type DisputeCallLabel,
  type DisputeRecord,
} from '../../domain/disputes/index.ts';
import type { PlannedDirectMessage } from '../../domain/notifications/index.ts';
import type { Repositories } from '../ports.ts';
import { callTypeNamesOf } from '../call-type-names.ts';

// The dispute loop's DMs, planned from stored state (so a restart between a click and its send still
// sends them, once): to each manager of the agent's team while a dispute is open, and to the agent once
// it is changed, kept or expired. Keys: `dispute-opened:<id>:<manager>`, `dispute-outcome:<id>`.

/** Resolved disputes are told to the agent for this long after resolution (a later run finds nothing older). */
const OUTCOME_WINDOW_DAYS = 30;

export const loadDisputeMessages = async (
  services: Pick<Repositories, 'disputes' | 'directory' | 'calls' | 'scores'>,
  input: { now: Date; settled: (keys: readonly string[]) => Promise<Set<string>> },
): Promise<{ messages: PlannedDirectMessage[]; alreadySettled: number; managersWithoutSlackId: number; agentsWithoutSlackId: number }> => {
  const open = await services.disputes.list({ state: 'open' });
  const since = new Date(input.now.getTime() - OUTCOME_WINDOW_DAYS * 86_400_000);
  const resolved = (await services.disputes.list({ since })).filter((dispute) => dispute.state !== 'open');
  const result = { messages: [] as PlannedDirectMessage[], alreadySettled: 0, managersWithoutSlackId: 0, agentsWithoutSlackId: 0 };
  if (open.length === 0 && resolved.length === 0) return result;

  const [teams, callTypes, rubric] = await Promise.all([
    services.directory.listTeams(),
    services.directory.callTypes(),
    services.directory.currentRubric(),
  ]);
  const teamsByKey = new Map<string, TeamRecord>(teams.map((team) => [team.key, team]));
  const agents = new Map<string, AgentRecord>(
    (await services.directory.agentsById([...new Set([...open, ...resolved].map((d) => d.agentId))])).map((a) => [a.id, a]),
  );
  const names = callTypeNamesOf(callTypes);
  const criterionName = (key: string): string => rubric?.criteria.find((criterion) => criterion.key === key)?.name ?? key;

  const keysOf = (dispute: DisputeRecord): string[] => {
    if (dispute.state !== 'open') return [disputeOutcomeKey(dispute.id)];
    const agent = agents.get(dispute.agentId);
    const team = agent?.teamKey ? teamsByKey.get(agent.teamKey) : undefined;
    return (team?.managers ?? []).flatMap((manager) => (manager.slackUserId ? [disputeOpenedKey(dispute.id, manager.slackUserId)] : []));
  };
  const settled = await input.settled([...open, ...resolved].flatMap(keysOf));

  const labelOf = async (callId: string): Promise<{ label: DisputeCallLabel; turns: { role: string; text: string }[] } | null> => {
    const call = await services.calls.findById(callId);
    if (!call) return null;
    return {
      label: {
        id: call.id,
        externalId: call.externalId,
        callTypeName: call.callType ? (names[call.callType] ?? call.callType) : null,
        kind: call.kind,
        occurredAt: call.occurredAt,
      },
      turns: call.turns ?? [],
    };
  };

  for (const dispute of open) {
    const agent = agents.get(dispute.agentId);
    if (!agent) continue;
    const team = agent.teamKey ? teamsByKey.get(agent.teamKey) : undefined;
    const managers = team?.managers ?? [];
    result.managersWithoutSlackId += managers.filter((manager) => !manager.slackUserId).length;
    const due = managers.filter((manager): manager is typeof manager & { slackUserId: string } => manager.slackUserId !== null);
    const pending = due.filter((manager) => !settled.has(disputeOpenedKey(dispute.id, manager.slackUserId)));
    result.alreadySettled += due.length - pending.length;
    if (pending.length === 0) continue;
    const call = await labelOf(dispute.callId);
    if (!call) continue;
    const ai = (await services.scores.currentScores([dispute.callId])).find(
      (row) => row.source === 'ai' && row.criterionKey === dispute.criterionKey,
    );
    const evidence = ai?.evidence ?? [];
    for (const manager of pending) {
      const key = disputeOpenedKey(dispute.id, manager.slackUserId);
      result.messages.push({
        recipient: manager.slackUserId,
        recipientName: manager.name ?? manager.slackUserId,
        agentKey: agent.key,
        parts: [{ kind: 'dispute_opened', key, payload: { dispute: dispute.id, agent: agent.key, criterion: dispute.criterionKey } }],
        build: () => ({
          kind: 'dispute_opened',
          dispute: {
            disputeId: dispute.id,
            agentName: agent.displayName,
            agentSlackId: agent.slackUserId,
            call: call.label,
            criterionName: criterionName(dispute.criterionKey),
            reason: dispute.reason,
            proposedLevel: dispute.proposedLevel,
            aiLevel: dispute.aiLevel,
            aiScore: dispute.aiScore,
            rationale: ai?.rationale ?? null,
            evidence,
            excerpt: excerptAround(
              call.turns,
              evidence.map((quote) => quote.turn),
            ),
          },
        }),
      });
    }
  }

  for (const dispute of resolved) {
    const agent = agents.get(dispute.agentId);
    if (!agent || dispute.state === 'open') continue;
    const key = disputeOutcomeKey(dispute.id);
    if (settled.has(key)) {
      result.alreadySettled += 1;
      continue;
    }
    if (!agent.slackUserId) {
      result.agentsWithoutSlackId += 1;
      continue;
    }
    const call = await labelOf(dispute.callId);
    if (!call) continue;
    const state = dispute.state;
    result.messages.push({
      recipient: agent.slackUserId,
      recipientName: agent.displayName,
      agentKey: agent.key,
      parts: [{ kind: 'dispute_outcome', key, payload: { dispute: dispute.id, state } }],
      build: () => ({
        kind: 'dispute_outcome',
        outcome: {
          disputeId: dispute.id,
          call: call.label,
          criterionName: criterionName(dispute.criterionKey),
          state,
          aiLevel: dispute.aiLevel,
          newLevel: dispute.newLevel,
          note: dispute.note,
          resolvedBy: dispute.resolvedBy,
        },
      }),
    });
  }
  return result;
};
