import { AppError } from '../domain/app-error.ts';
import type { ReadinessThresholds } from '../domain/readiness/index.ts';
import type { DecisionRecord } from '../db/readiness-repository.ts';
import { authoriseManager, carriesSlackId, managerRecordName } from './authorise-manager.ts';
import { buildReadinessReport, type ReadinessDeps } from './build-readiness-report.ts';
import { resolveAgent } from './resolve-names.ts';

/**
 * Records a manager's deployment decision: the agent handles this call type alone from now on. Refused
 * unless `by` is a manager of the agent's team (never the agent) and the scores say `ready`; the evidence (decisive batches, thresholds, per-criterion checks) is
 * stored with the decision, so it can be shown later exactly as the manager saw it.
 */
export const approveReadiness = async (
  deps: ReadinessDeps,
  input: { agent: string; callType: string; by: string; thresholds: ReadinessThresholds },
): Promise<{ decision: DecisionRecord; agentName: string }> => {
  const by = input.by.trim();
  if (!by) throw new AppError('approver_missing', 'Say who approves: --by <manager name, email or Slack id>.');
  // Only a manager of the agent's team decides, never the agent: checked before anything is computed.
  const manager = await authoriseManager(deps.directory, await resolveAgent(deps.directory, input.agent), by, 'approve');
  const { report } = await buildReadinessReport(deps, { agent: input.agent, callType: input.callType, thresholds: input.thresholds });
  const entry = report.callTypes.find((callType) => callType.callType === input.callType);
  if (!entry || entry.status !== 'ready') {
    const status = entry?.status ?? 'insufficient_data';
    const why = (entry?.statusReason ?? `no scored post-training calls of type ${input.callType}`).replace(/\.$/, '');
    throw new AppError(
      'approval_refused',
      status === 'approved'
        ? `${report.agent.displayName} is already approved for ${input.callType} (by ${entry?.approval?.approvedBy ?? 'a manager'}).`
        : `${report.agent.displayName} is not ready for ${input.callType} (status ${status}): ${why}. Approval needs the status "ready".`,
    );
  }
  const evidence = {
    status: entry.status,
    statusReason: entry.statusReason,
    thresholds: input.thresholds.readiness,
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
  const decision = await deps.readiness.recordDecision({
    agentId: report.agent.id,
    callType: input.callType,
    // Slack records "Name (U…)" so the card can mention the approver; elsewhere the manager's configured name.
    approvedBy: carriesSlackId(by) ? by : managerRecordName(manager),
    approvedAt: deps.now(),
    evidence,
  });
  return { decision, agentName: report.agent.displayName };
};
