import { Command, Option } from 'commander';
import { readinessCsvRows } from '../../use-cases/readiness-csv-rows.ts';
import { formatCsv } from '../format-csv.ts';
import { approveReadiness } from '../../use-cases/approve-readiness.ts';
import { buildReadinessReport, buildTeamReport, thresholdsFromConfig } from '../../use-cases/build-readiness-report.ts';
import { readinessReportJson, teamReportJson } from '../../use-cases/readiness-json.ts';
import { withReader, withSession, type CliIo } from '../cli-context.ts';
import { renderReadinessReport, renderTeamReport } from '../render-readiness.ts';

export const readinessCommand = (io: CliIo): Command =>
  new Command('readiness')
    .description("an agent's readiness per call type: baseline, batches, status, trends and what to do")
    .argument('<agent>', 'Slack user id, email, external id or name')
    .option('--type <call type>', 'only this call type')
    .option('--json', 'machine-readable output')
    .addOption(
      new Option('--csv', 'CSV for spreadsheets: one row per agent, call type and criterion with baseline, batches and status').conflicts(
        'json',
      ),
    )
    .action(async (agent: string, options: { type?: string; json?: boolean; csv?: boolean }) => {
      await withReader(io, async ({ thresholds, services }) => {
        const result = await buildReadinessReport(services, {
          agent,
          thresholds,
          ...(options.type ? { callType: options.type } : {}),
        });
        if (options.csv) {
          const { columns, rows } = readinessCsvRows([result.report], result.team);
          io.out(formatCsv(columns, rows));
          return;
        }
        const rubric = await services.directory.currentRubric();
        // Open disputes (issue 19): figures that may still change, and what blocks an approval.
        const open = await services.disputes.list({ agentIds: [result.report.agent.id], state: 'open' });
        if (options.json) {
          io.out(
            JSON.stringify(
              {
                ...readinessReportJson(result),
                openDisputes: open.map((d) => ({
                  id: d.id,
                  callId: d.callId,
                  criterion: d.criterionKey,
                  raisedAt: d.createdAt.toISOString(),
                })),
              },
              null,
              2,
            ),
          );
          return;
        }
        io.out(renderReadinessReport(result, rubric?.criteria ?? []));
        if (open.length > 0) {
          io.out('');
          io.out(`Open disputes (${open.length}; approval waits for those on calls of the deciding batches):`);
          for (const dispute of open)
            io.out(
              `  ${dispute.id} · call ${dispute.callId} · ${dispute.criterionKey} · raised ${dispute.createdAt.toISOString().slice(0, 10)}`,
            );
        }
      });
    });

export const teamCommand = (io: CliIo): Command =>
  new Command('team')
    .description("a team's readiness: every agent's status, team averages vs threshold, team-wide gaps, weekly trend")
    .argument('<team>', 'team key or name from the config, any case')
    .option('--json', 'machine-readable output')
    .addOption(
      new Option('--csv', 'CSV for spreadsheets: one row per agent, call type and criterion with baseline, batches and status').conflicts(
        'json',
      ),
    )
    .action(async (team: string, options: { json?: boolean; csv?: boolean }) => {
      await withReader(io, async ({ thresholds, services }) => {
        const result = await buildTeamReport(services, { team, thresholds });
        if (options.csv) {
          const { columns, rows } = readinessCsvRows(result.agents, result.team);
          io.out(formatCsv(columns, rows));
          return;
        }
        io.out(options.json ? JSON.stringify(teamReportJson(result), null, 2) : renderTeamReport(result));
      });
    });

export const approveCommand = (io: CliIo): Command =>
  new Command('approve')
    .description('record a deployment decision: the agent handles this call type alone (only when the status is ready)')
    .argument('<agent>', 'Slack user id, email, external id or name')
    .requiredOption('--type <call type>', 'the call type approved')
    .requiredOption('--by <manager>', 'who approves (name, email or Slack id)')
    .action(async (agent: string, options: { type: string; by: string }) => {
      await withSession(io, async ({ config, services }) => {
        const { decision, agentName } = await approveReadiness(services, {
          agent,
          callType: options.type,
          by: options.by,
          thresholds: thresholdsFromConfig(config),
        });
        io.out(
          `Approved ${agentName} for ${decision.callType} by ${decision.approvedBy} at ${decision.approvedAt.toISOString()}; the evidence is stored with the decision.`,
        );
      });
    });
