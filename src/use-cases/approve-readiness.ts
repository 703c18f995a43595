import type { DecisionRecord } from '../domain/stored-records.ts';
import { AppError } from '../domain/app-error.ts';
import type { AgentReadiness, ReadinessThresholds } from '../domain/readiness/index.ts';
import { buildReadinessReport, type ReadinessDeps } from './build-readiness-report.ts';
import { assertKnownCallType } from './resolve-names.ts';
import { authoriseOnAgent, identifyByRef, recordedDecider } from './resolve-access.ts';

/** The answer to a second approval of one agent and call type: who decided first, and when (UTC). */
export const alreadyApprovedError = (agentName: string, callType: string, approval: { approvedBy: string; approvedAt: Date }): AppError =>
  new AppError(
    'approval_refused',
    `${agentName} is already approved for ${callType} by ${approval.approvedBy}, at ${approval.approvedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    { params: { reason: 'already_approved' } },
  );

/**
 * The evidence an approval of `callType` is stored with (decisive batches, thresholds, per-criterion
 * checks), so it can be shown later exactly as the manager saw it; `approval_refused` unless the report
 * says `ready`.
 */
export const approvalEvidence = (report: AgentReadiness, callType: string, thresholds: ReadinessThresholds): Record<string, unknown> => {
  const entry = report.callTypes.find((entry) => entry.callType === callType);
  if (entry?.status !== 'ready') {
    const status = entry?.status ?? 'insufficient_data';
    const why = (entry?.statusReason ?? `no scored post-training calls of type ${callType}`).replace(/\.$/, '');
    if (status === 'approved' && entry?.approval) throw alreadyApprovedError(report.agent.displayName, callType, entry.approval);
    throw new AppError(
      'approval_refused',
      `${report.agent.displayName} is not ready for ${callType} (status ${status}): ${why}. Approval needs the status "ready".`,
      { params: { reason: 'not_ready' } },
    );
  }
  return {
    status: entry.status,
    statusReason: entry.statusReason,
    thresholds: thresholds.readiness,
    batches: entry.decisiveBatches.map((batch) => ({
      start: batch.start.toISOString(),
      end: batch.end.toISOString(),
      calls: batch.calls,
      overall: batch.overall,
      criteria: batch.criteria,
      callIds: batch.callIds,
    })),
    criteriaMet: entry.criteriaMet.map((check) => ({ criterion: check.criterion, threshold: check.threshold, met: check.met })),
    baseline: { calls: entry.baseline.calls, sufficient: entry.baseline.sufficient, criteria: entry.baseline.criteria },
  };
};

/**
 * Refuses an approval while a dispute is open on a call of the deciding batches, naming it: the figures
 * behind the decision may still change (issue 19).
 */
export const assertNoOpenDispute = async (deps: ReadinessDeps, agentName: string, evidence: Record<string, unknown>): Promise<void> => {
  if (!deps.disputes) return;
  const callIds = ((evidence.batches ?? []) as { callIds: string[] }[]).flatMap((batch) => batch.callIds);
  const open = await deps.disputes.openForCalls(callIds);
  const first = open[0];
  if (!first) return;
  const named = open.map((dispute) => `dispute ${dispute.id} (criterion ${dispute.criterionKey})`).join(', ');
  throw new AppError(
    'approval_refused',
    `${agentName} has ${open.length === 1 ? 'an open dispute' : `${open.length} open disputes`} on a call of the deciding batches: ${named}. ` +
      `Resolve ${open.length === 1 ? 'it' : 'them'} first (the dispute DM's buttons, or \`floorready dispute ${first.id} --change <level>|--keep --note … --by …\`).`,
    { params: { reason: 'open_dispute' } },
  );
};

/**
 * Records a manager's deployment decision: the agent handles this call type alone from now on. Refused
 * unless `by` is a manager of the agent's team (never the agent) and the scores say `ready`.
 */
export const approveReadiness = async (
  deps: ReadinessDeps,
  input: { agent: string; callType: string; by: string; thresholds: ReadinessThresholds },
): Promise<{ decision: DecisionRecord; agentName: string }> => {
  const by = input.by.trim();
  if (!by) throw new AppError('approver_missing', "Say who approves: a manager of the agent's team, by name, email or Slack id.");
  // Only a manager of the agent's team decides, never the agent: who `--by` is, then the agent among those they may reach.
  const person = await identifyByRef(deps.directory, by);
  const { agent } = await authoriseOnAgent(deps.directory, person, 'approve', input.agent);
  const callType = await assertKnownCallType(deps.directory, input.callType);
  const { report } = await buildReadinessReport(deps, { agent, callType, thresholds: input.thresholds });
  const evidence = approvalEvidence(report, callType, input.thresholds);
  await assertNoOpenDispute(deps, report.agent.displayName, evidence);
  const { recorded, decision } = await deps.readiness.recordDecision({
    agentId: report.agent.id,
    callType,
    approvedBy: recordedDecider(person),
    approvedAt: deps.now(),
    evidence,
  });
  // Another click or run got there first, between our read and our write: its decision stands.
  if (!recorded) throw alreadyApprovedError(report.agent.displayName, callType, decision);
  return { decision, agentName: report.agent.displayName };
};
