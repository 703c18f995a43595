import { AppError, isAppError } from '../domain/app-error.ts';
import { approverLabel, assertCanApprove } from '../domain/readiness-access.ts';
import type { ReadinessThresholds, Scorecard } from '../domain/readiness/index.ts';
import { alreadyApprovedError, approvalEvidence } from './approve-readiness.ts';
import { composeAgentReport, loadAgentReportSource, type ReadinessDeps } from './build-readiness-report.ts';
import { callTypeNamesOf, loadViewer } from './load-viewer.ts';

// The Approve button of a scorecard or a manager's DM. Story: who clicks → may they (pure) → load the
// agent's report once → ready? (refused: the card as it is, with why) → record the decision → the card
// with the decision, composed from what was loaded (no second report build).

export type CardApproval =
  | { outcome: 'approved'; scorecard: Scorecard; approvedAt: Date; agentName: string; callTypeName: string }
  | { outcome: 'refused'; scorecard: Scorecard; reason: string };

export const approveFromCard = async (
  deps: ReadinessDeps,
  input: {
    /** Who clicked: their Slack id and the name Slack gave (used when the config names them not). */
    userId: string;
    userName: string | null;
    /** From the button: the agent (key), the call type approved, and the filter the card was drawn with. */
    agent: string;
    callType: string;
    filter: string | null;
    thresholds: ReadinessThresholds;
  },
): Promise<CardApproval> => {
  const { directory } = deps;
  const [viewer, agent, callTypes] = await Promise.all([loadViewer(directory, input.userId), directory.findAgent(input.agent), directory.callTypes()]);
  if (!agent) throw new AppError('agent_unknown', `No agent "${input.agent}" is configured.`, { params: { agentRef: input.agent } });
  assertCanApprove(viewer, agent);
  const managerName =
    viewer.managedTeams.flatMap((team) => team.managers).find((manager) => manager.slackUserId === input.userId)?.name ?? input.userName ?? null;
  // assertCanApprove checked that the clicker manages the agent's team: "Name (U…)" is who approved.
  const by = approverLabel(input.userId, managerName);

  const source = await loadAgentReportSource(deps, { agent, ...(input.filter ? { callType: input.filter } : {}), thresholds: input.thresholds, callTypes });
  const callTypeNames = callTypeNamesOf(callTypes);
  const card = (result: Scorecard['result']): Scorecard => ({ result, criteria: source.criteria, audience: 'manager', callTypeNames, callTypeFilter: input.filter });
  const before = composeAgentReport(source, deps.now());
  let evidence: Record<string, unknown>;
  try {
    evidence = approvalEvidence(before.report, input.callType, input.thresholds);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'approval_refused') throw error;
    return { outcome: 'refused', scorecard: card(before), reason: error.userMessage };
  }
  const { recorded, decision } = await deps.readiness.recordDecision({
    agentId: agent.id,
    callType: input.callType,
    approvedBy: by,
    approvedAt: deps.now(),
    evidence,
  });
  if (!recorded) {
    // Another click, here or on another instance, got there first: its decision stands and the card shows it.
    const reason = alreadyApprovedError(agent.displayName, input.callType, decision).userMessage;
    return { outcome: 'refused', scorecard: card(composeAgentReport(source, deps.now(), [decision])), reason };
  }
  return {
    outcome: 'approved',
    scorecard: card(composeAgentReport(source, deps.now(), [decision])),
    approvedAt: decision.approvedAt,
    agentName: agent.displayName,
    callTypeName: callTypeNames[input.callType] ?? input.callType,
  };
};
