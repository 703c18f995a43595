import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';

import { approveFromCard } from '../../../use-cases/approve-from-card.ts';
import { answerError } from '../../answer-error.ts';
import { slackTime } from '../../blocks/format.ts';
import { scorecardMessage } from '../../build-scorecard-message.ts';
import { SlackAnswerError } from '../../slack-answer-error.ts';
import type { SlackDeps } from '../../slack-deps.ts';
import { defaultRespondLog, respondWithFallback } from '../../respond-with-fallback.ts';
import { decodeApproveValue } from '../../slack-ids.ts';
import { slackMessages } from '../../slack-messages.ts';

/** The Approve button: approve-from-card, then the card redrawn (in place when ephemeral, else beside a DM's) with the outcome. */
export const handleApproveReadiness =
  (deps: SlackDeps) =>
  async ({
    ack,
    body,
    action,
    respond,
    logger,
  }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> => {
    await ack();
    try {
      const value = decodeApproveValue(action.value);
      if (!value) throw new SlackAnswerError('approve_button_invalid', slackMessages.approvalBadButton);
      const input = { userId: body.user.id, ...value, thresholds: deps.thresholds };
      const done = await approveFromCard(deps.services, input);
      const notice =
        done.outcome === 'approved'
          ? slackMessages.approved(body.user.id, slackTime(done.approvedAt), done.agentName, done.callTypeName)
          : `:warning: ${slackMessages.approvalRefused(done.reason)}`;
      const replaceOriginal = (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral !== false;
      await respondWithFallback(
        respond,
        scorecardMessage(done.scorecard, notice),
        { replace_original: replaceOriginal },
        {
          log: deps.richFallback?.log ?? defaultRespondLog((message, extra) => logger.warn(message, extra)),
          context: { action: 'approve', user: body.user.id },
        },
      );
    } catch (error) {
      await answerError(respond, error, 'recording the approval', { replaceOriginal: false });
    }
  };
