import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';

import { showScorecard } from '../../../use-cases/show-scorecard.ts';
import { answerError } from '../../answer-error.ts';
import { scorecardMessage } from '../../build-scorecard-message.ts';
import { parseReadinessText } from '../../parse-readiness-text.ts';
import type { SlackDeps } from '../../slack-deps.ts';
import { defaultRespondLog, respondWithFallback } from '../../respond-with-fallback.ts';

/**
 * `/readiness [@agent] [call type]`: acks at once, then answers privately (ephemeral) with the
 * scorecard the caller may see — a manager's agent, or the caller's own — or with why not and what to do.
 */
export const handleReadinessCommand =
  (deps: SlackDeps) =>
  async ({ ack, command, respond, logger }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      const readRequest = (callTypes: Parameters<typeof parseReadinessText>[1]) => parseReadinessText(command.text ?? '', callTypes);
      const scorecard = await showScorecard(deps.services, { userId: command.user_id, thresholds: deps.thresholds, readRequest });
      await respondWithFallback(
        respond,
        scorecardMessage(scorecard),
        { response_type: 'ephemeral' },
        {
          log: deps.richFallback?.log ?? defaultRespondLog((message, extra) => logger.warn(message, extra)),
          context: { command: 'readiness', user: command.user_id },
        },
      );
    } catch (error) {
      await answerError(respond, error, 'building the readiness scorecard');
    }
  };
