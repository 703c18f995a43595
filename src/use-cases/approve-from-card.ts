import { hasCode } from '../domain/app-error.ts';
import type { ReadinessThresholds, Scorecard } from '../domain/readiness/index.ts';
import { alreadyApprovedError, approvalEvidence, assertNoOpenDispute } from './approve-readiness.ts';
import { composeAgentReport, loadAgentReportSource, loadOpenDisputes, type ReadinessDeps } from './build-readiness-report.ts';
import { callTypeNamesOf } from './call-type-names.ts';
import { authoriseOnAgent, identifySlackUser, recordedDecider } from './resolve-access.ts';

// The Approve button of a scorecard or a manager's DM. Story: who clicks → what they may reach (before the
// button's agent is looked up, so a forged value tells a stranger nothing) → the agent among those → load the
// agent's report once → ready? (refused: the card as it is, with why) → record the decision → the card
// with the decision, composed from what was loaded (no second report build).

export type CardApproval =
  | { outcome: 'approved'; scorecard: Scorecard; approvedAt: Date; agentName: string; callTypeName: string }
  | { outcome: 'refused'; scorecard: Scorecard; reason: string };

export const approveFromCard = async (
  deps: ReadinessDeps,
  input: {
    /** Who clicked: their Slack id. */
    userId: string;
    /** From the button: the agent (key), the call type approved, and the filter the card was drawn with. */
    agent: string;
    callType: string;
    filter: string | null;
    thresholds: ReadinessThresholds;
  },
): Promise<CardApproval> => {
  const { directory } = deps;
  const [person, callTypes] = await Promise.all([identifySlackUser(directory, input.userId), directory.callTypes()]);
  const { agent } = await authoriseOnAgent(directory, person, 'approve', input.agent);
  const by = recordedDecider(person);

  const source = await loadAgentReportSource(deps, {
    agent,
    ...(input.filter ? { callType: input.filter } : {}),
    thresholds: input.thresholds,
    callTypes,
  });
  const callTypeNames = callTypeNamesOf(callTypes);
  const openDisputes = await loadOpenDisputes(deps, source);
  const card = (result: Scorecard['result']): Scorecard => ({
    openDisputes,
    result,
    criteria: source.criteria,
    audience: 'manager',
    callTypeNames,
    callTypeFilter: input.filter,
  });
  const before = await composeAgentReport(source, deps.now());
  let evidence: Record<string, unknown>;
  try {
    evidence = approvalEvidence(before.report, input.callType, input.thresholds);
    await assertNoOpenDispute(deps, agent.displayName, evidence);
  } catch (error) {
    if (!hasCode(error, 'approval_refused')) throw error;
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
    return { outcome: 'refused', scorecard: card(await composeAgentReport(source, deps.now(), [decision])), reason };
  }
  return {
    outcome: 'approved',
    scorecard: card(await composeAgentReport(source, deps.now(), [decision])),
    approvedAt: decision.approvedAt,
    agentName: agent.displayName,
    callTypeName: callTypeNames[input.callType] ?? input.callType,
  };
};
