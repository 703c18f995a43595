import { Command } from 'commander';
import type { ScoringEvent } from '../../use-cases/score-calls.ts';
import { loadScorer, scoringSettings } from '../../services.ts';
import { teamTimeZone } from '../../config/config-lookups.ts';
import { withSession, type CliIo } from '../cli-context.ts';
import { startProgress } from '../progress.ts';
import { parseDateOption, parseIntOption } from '../parse-options.ts';

interface ScoreOptions {
  concurrency?: string;
  retryFailed?: boolean;
  rescore?: boolean;
  since?: string;
}

const usd = (value: number): string => `$${value.toFixed(value < 1 ? 4 : 2)}`;

export const runScore = async (io: CliIo, options: ScoreOptions): Promise<number> => {
  if (options.rescore && !options.since) {
    io.err('error: --rescore needs --since <date>: the scored calls from that date on are scored again under the current rubric.');
    return 2;
  }
  return withSession(io, async (session) => {
    const { config, services } = session;
    const since = options.since
      ? parseDateOption(options.since, 'since', { timeZone: teamTimeZone(config), now: services.now })
      : undefined;
    const settings = scoringSettings(config, {
      ...(options.concurrency ? { concurrency: parseIntOption(options.concurrency, 'concurrency', 1, 64) } : {}),
    });
    if (options.retryFailed) io.err(`Re-queued ${await services.calls.requeueFailed()} failed calls.`);
    if (options.rescore && since)
      io.err(`Re-queued ${await services.calls.requeueForRescore(since)} scored calls since ${since.toISOString().slice(0, 10)}.`);

    const queued = (await services.calls.countByState()).queued;
    if (queued === 0) {
      // Nothing to do: the scorer and the redaction it runs (the heaviest modules of the CLI) are not loaded.
      io.out('Scored 0, failed 0, retries 0: the queue is empty.');
      return 0;
    }
    const scorer = await loadScorer(session.env.llm, config.scoring);
    const { scoreQueuedCalls } = await import('../../use-cases/score-calls.ts');
    const label = scorer.name === 'embedded' ? 'embedded offline scorer (no LLM configured)' : `LLM scorer, model ${scorer.model}`;
    io.err(`Scoring ${queued} queued calls with the ${label}, ${settings.concurrency} at a time.`);
    const bar = startProgress(io, 'scoring', queued);
    const onEvent = (event: ScoringEvent): void => {
      if (event.type === 'scored') bar.tick();
      if (event.type === 'retry') io.err(`retry   ${event.callId} (attempt ${event.attempt}): ${event.reason}`);
      if (event.type === 'failed') {
        bar.tick();
        io.err(`failed  ${event.callId}: ${event.reason}`);
      }
    };
    const summary = await scoreQueuedCalls(
      {
        calls: services.calls,
        scores: services.scores,
        directory: services.directory,
        scorer,
        now: services.now,
        sleep: services.sleep,
        settings,
      },
      onEvent,
    ).finally(() => bar.stop());
    io.out(
      `Scored ${summary.scored}, failed ${summary.failed.length}, retries ${summary.retries} (scorer: ${summary.scorer}${summary.model ? `, model ${summary.model}` : ''}).`,
    );
    // The embedded scorer runs here and sends no tokens anywhere: a cost line would only read "$0.0000".
    if (summary.scorer !== 'embedded') {
      io.out(
        `Tokens: ${summary.promptTokens} prompt + ${summary.completionTokens} completion; estimated cost ${usd(summary.estimatedCostUsd)}` +
          (config.scoring.price.promptPer1k === 0 && config.scoring.price.completionPer1k === 0
            ? ' (set scoring.price in the config for a real estimate).'
            : '.'),
      );
    }
    for (const failure of summary.failed) io.out(`  failed ${failure.callId}: ${failure.reason}`);
    const leased = (await services.calls.countByState()).scoring;
    if (leased > 0) {
      io.out(
        `${leased} call${leased === 1 ? ' is' : 's are'} held by another worker's lease (another \`score\` run or the app, or one that crashed); ` +
          `they are scored by that worker, or by the next run once the lease expires (scoring.leaseSeconds: ${config.scoring.leaseSeconds}).`,
      );
    }
    if (summary.failed.length > 0) io.out('Fix the cause, then `npx floorready score --retry-failed` tries them again.');
    return summary.failed.length > 0 ? 1 : 0;
  });
};

export const scoreCommand = (io: CliIo, setExitCode: (code: number) => void): Command =>
  new Command('score')
    .description('score queued calls until the queue is empty, then exit')
    .option('--concurrency <n>', 'calls scored at once (default: scoring.concurrency in the config)')
    .option('--retry-failed', 'put failed calls back in the queue first')
    .option('--rescore', 'score calls again under the current rubric (needs --since)')
    .option('--since <date>', 'with --rescore: calls from this ISO date on')
    .action(async (options: ScoreOptions) => setExitCode(await runScore(io, options)));
