import type { AgentReadiness } from '../domain/readiness/index.ts';
import { round } from './readiness-json.ts';

// The readiness reports as rows for CSV (`readiness --csv`, `team --csv`): one row per agent × call type
// × criterion (the overall first), with the threshold, the baseline, every batch, the current figure
// and whether it is met. Numbers to two decimals, as in the JSON.

export type ReadinessCsvRow = Record<string, string | number | boolean | null>;

const batchColumns = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => [`batch_${i + 1}_start`, `batch_${i + 1}_calls`, `batch_${i + 1}_score`]).flat();

/** Columns and rows for these agents' reports (of `team`, when known). */
export const readinessCsvRows = (
  agents: readonly AgentReadiness[],
  team: { key: string; name: string } | null,
): { columns: string[]; rows: ReadinessCsvRow[] } => {
  const batches = Math.max(0, ...agents.flatMap((agent) => agent.callTypes.map((entry) => entry.batches.length)));
  const columns = [
    'team',
    'agent_key',
    'agent_name',
    'call_type',
    'status',
    'criterion',
    'criterion_name',
    'threshold',
    'baseline',
    'baseline_calls',
    'baseline_sufficient',
    ...batchColumns(batches),
    'current',
    'delta_vs_baseline',
    'met',
    'gap',
  ];
  const rows: ReadinessCsvRow[] = [];
  for (const agent of agents) {
    for (const entry of agent.callTypes) {
      for (const check of [entry.overallMet, ...entry.criteriaMet]) {
        const isOverall = check.criterion === 'overall';
        const row: ReadinessCsvRow = {
          team: team?.key ?? null,
          agent_key: agent.agent.key,
          agent_name: agent.agent.displayName,
          call_type: entry.callType,
          status: entry.status,
          criterion: check.criterion,
          criterion_name: check.name,
          threshold: check.threshold,
          baseline: round(isOverall ? entry.baseline.overall : entry.baseline.criteria[check.criterion]),
          baseline_calls: entry.baseline.calls,
          baseline_sufficient: entry.baseline.sufficient,
          current: round(isOverall ? entry.current?.overall : entry.current?.criteria[check.criterion]),
          delta_vs_baseline: round(isOverall ? entry.current?.overallDeltaVsBaseline : entry.current?.deltaVsBaseline[check.criterion]),
          met: check.met,
          gap: round(check.gap),
        };
        entry.batches.forEach((batch, i) => {
          row[`batch_${i + 1}_start`] = batch.start.toISOString().slice(0, 10);
          row[`batch_${i + 1}_calls`] = batch.calls;
          row[`batch_${i + 1}_score`] = round(isOverall ? batch.overall : batch.criteria[check.criterion]);
        });
        rows.push(row);
      }
    }
  }
  return { columns, rows };
};
