import type { CallState } from '../../domain/stored-records.ts';
import { Command, Option } from 'commander';
import { listCalls, type CallView } from '../../use-cases/list-calls.ts';
import { withReader, type CliIo } from '../cli-context.ts';
import { parseIntOption } from '../parse-options.ts';
import { CALLS_CSV_COLUMNS, callsCsvRows } from '../../use-cases/calls-csv-rows.ts';
import { formatCsv } from '../format-csv.ts';
import { criterionName } from '../../domain/readiness/rules/rule-context.ts';
import { shownTurn } from '../../domain/turn-number.ts';
import { formatScore } from '../format-figures.ts';
import { describeOverallSource, overallDiffers } from '../../domain/call-overall.ts';
import { callTypeLabel } from '../call-type-label.ts';

const STATES: CallState[] = ['queued', 'scoring', 'scored', 'failed', 'imported'];

/** One call as text; `criterionName` gives a criterion's display name from its key. */
export const renderCall = (call: CallView, criterionName: (key: string) => string = (key) => key): string[] => {
  const head =
    `${call.occurredAt.slice(0, 16).replace('T', ' ')}  ${call.agent.name}  ${call.kind} ${callTypeLabel(call, '(type not set)')}  ` +
    `[${call.state}]${call.exclusion ? ' [EXCLUDED]' : ''}${call.needsReview ? ' [NEEDS HUMAN REVIEW]' : ''}  id ${call.id}${call.externalId ? `  external ${call.externalId}` : ''}`;
  const lines = [head];
  if (call.needsReview) lines.push(`  ${call.needsReview}`);
  if (call.exclusion) {
    lines.push(
      `  excluded from every figure by ${call.exclusion.by} on ${call.exclusion.at.slice(0, 16).replace('T', ' ')}: ${call.exclusion.reason}`,
    );
  }
  if (call.scoring || call.overall !== null) {
    // The one overall (domain/call-overall), with where it came from when a reviewer changed it.
    const source = describeOverallSource(
      { effective: call.overall, ai: call.aiOverall, humanReviewed: call.humanReviewed, differs: overallDiffers(call) },
      formatScore,
      { heldForReview: call.needsReview !== null },
    );
    const scorer = call.scoring
      ? ` by ${call.scoring.scorer}${call.scoring.model ? ` (${call.scoring.model})` : ''}, rubric version ${call.scoring.rubricVersion ?? '?'}`
      : '';
    lines.push(
      `  overall ${formatScore(call.overall)}${source ? ` (${source})` : ''}${scorer}, customer frustration ${call.frustration ?? '—'}`,
    );
  }
  if (call.summary) lines.push(`  ${call.summary}`);
  if (call.failureReason) lines.push(`  ${call.state === 'failed' ? 'failed' : 'last error'}: ${call.failureReason}`);
  for (const criterion of call.criteria) {
    const who = criterion.source === 'human' ? `human${criterion.reviewer ? ` (${criterion.reviewer})` : ''}` : 'AI';
    const level = criterion.applicable ? `level ${criterion.level ?? '?'} of 5, ${formatScore(criterion.score)} of 100` : 'not applicable';
    const low = criterion.confidence === 'low' ? ', low confidence' : '';
    lines.push(`  - ${criterionName(criterion.key)}, ${who}: ${level}${low}${criterion.rationale ? `. ${criterion.rationale}` : ''}`);
    // Turns count from 1, as `floorready show` numbers them (stored evidence counts from 0).
    for (const quote of criterion.evidence.slice(0, 2)) lines.push(`      turn ${shownTurn(quote.turn)} ${quote.role}: "${quote.quote}"`);
  }
  return lines;
};

export const callsCommand = (io: CliIo): Command =>
  new Command('calls')
    .description('list calls with their id, state, exclusion, scorer, per-criterion level and score, confidence, evidence and failures')
    .option('--agent <ref>', 'only this agent (Slack id, email, external id or name)')
    .addOption(new Option('--state <state>', 'only calls in this state').choices(STATES))
    .option('--limit <n>', 'at most this many, newest first', '50')
    .option('--json', 'machine-readable output')
    .addOption(new Option('--csv', 'CSV for spreadsheets: one row per call and criterion score').conflicts('json'))
    .action(async (options: { agent?: string; state?: CallState; limit: string; json?: boolean; csv?: boolean }) => {
      const limit = parseIntOption(options.limit, 'limit', 1, 100_000);
      await withReader(io, async ({ services }) => {
        const calls = await listCalls(services, { ...options, limit });
        if (options.json) {
          io.out(JSON.stringify(calls, null, 2));
          return;
        }
        if (options.csv) {
          io.out(formatCsv(CALLS_CSV_COLUMNS, callsCsvRows(calls)));
          return;
        }
        if (calls.length === 0) io.out('No calls match.');
        const criteria = (await services.directory.currentRubric())?.criteria ?? [];
        for (const call of calls) io.out(renderCall(call, (key) => criterionName(criteria, key)).join('\n'));
      });
    });
