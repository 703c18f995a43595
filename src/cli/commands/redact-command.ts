import { Command } from 'commander';
import { describeRedactionCounts } from '../../ingest/redact-pii.ts';
import { redactStoredText, type RedactStoredTextSummary } from '../../use-cases/redact-stored-text.ts';
import { withSession, type CliIo } from '../cli-context.ts';
import { formatCount } from '../format-figures.ts';

const renderHashes = (summary: RedactStoredTextSummary): string[] =>
  summary.hashes === 0
    ? []
    : [
        `${summary.applied ? 'Took' : 'Would take'} the duplicate-check hash of ${formatCount(summary.hashes, 'call', 'calls')} again over the redacted turns ` +
          '(it was taken over the turns as said, before redaction).',
      ];

export const renderRedactSummary = (summary: RedactStoredTextSummary): string[] => {
  const total = Object.values(summary.counts).reduce((sum, n) => sum + n, 0);
  if (total === 0 && summary.hashes === 0)
    return ['Nothing to redact: the stored calls, scores, notes and messages hold no value the current redaction would replace.'];
  if (total === 0)
    return [...renderHashes(summary), ...(summary.applied ? [] : ['Nothing was changed. Run `npx floorready redact --apply` to do it.'])];
  const where = [
    formatCount(summary.calls, 'call', 'calls'),
    formatCount(summary.scores, 'score', 'scores'),
    formatCount(summary.exclusions, 'exclusion note', 'exclusion notes'),
    formatCount(summary.messages, 'message', 'messages'),
  ].join(', ');
  const what = describeRedactionCounts(summary.counts);
  return summary.applied
    ? [`Replaced ${formatCount(total, 'value', 'values')} in ${where}: ${what}.`, ...renderHashes(summary)]
    : [
        `Dry run: ${formatCount(total, 'value', 'values')} would be replaced in ${where}: ${what}.`,
        ...renderHashes(summary),
        'Nothing was changed. Run `npx floorready redact --apply` to replace them.',
      ];
};

export const redactCommand = (io: CliIo): Command =>
  new Command('redact')
    .description('re-run the current PII redaction over everything stored (calls, scores, notes, messages); a dry run unless --apply')
    .option('--apply', 'replace the values in the database (without it, only count them)')
    .action(async (options: { apply?: boolean }) => {
      await withSession(io, async ({ services }) => {
        const summary = await redactStoredText(services, { apply: options.apply === true });
        for (const line of renderRedactSummary(summary)) io.out(line);
      });
    });
