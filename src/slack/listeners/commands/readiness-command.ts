import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';

import { answerError } from '../../answer-error.ts';
import { SCORECARD_DOING } from '../../scorecard-worker.ts';
import type { ListenerDeps } from '../../slack-deps.ts';
import { defaultRespondLog, respondWithFallback } from '../../respond-with-fallback.ts';

/** An error the scorecard's worker thread caught and answered with an apology, for `app.error`'s log. */
class ScorecardWorkerError extends Error {
  constructor(message: string, stack: string | null) {
    super(message);
    this.name = 'ScorecardWorkerError';
    if (stack) this.stack = stack;
  }
}

/**
 * `/readiness [@agent] [call type]`: acks at once, then answers privately (ephemeral) with the
 * scorecard the caller may see — a manager's agent, or the caller's own — or with why not and what to do.
 * The answer is built in the scorecard worker thread (ADR 0042), so this process's event loop, and the
 * next command's ack, never wait behind a report.
 */
export const handleReadinessCommand =
  (deps: ListenerDeps) =>
  async ({ ack, command, respond, logger }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    await ack();
    let answer: Awaited<ReturnType<ListenerDeps['scorecards']['answer']>>;
    try {
      answer = await deps.scorecards.answer({
        userId: command.user_id,
        text: command.text ?? '',
        nowMs: deps.services.now().getTime(),
        thresholds: deps.thresholds,
      });
    } catch (error) {
      await answerError(respond, error, SCORECARD_DOING);
      return;
    }
    if (answer.kind !== 'scorecard') {
      await respond({ response_type: 'ephemeral', ...answer.message });
      if (answer.kind === 'failed') throw new ScorecardWorkerError(answer.error.message, answer.error.stack);
      return;
    }
    await respondWithFallback(
      respond,
      answer.message,
      { response_type: 'ephemeral' },
      {
        log: deps.richFallback?.log ?? defaultRespondLog((message, extra) => logger.warn(message, extra)),
        context: { command: 'readiness', user: command.user_id },
      },
    );
  };
