import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';

import { isAppError } from '../../../domain/app-error.ts';
import { approveReadiness } from '../../../use-cases/approve-readiness.ts';
import { answerError } from '../../answer-error.ts';
import { approverLabel, slackTime } from '../../blocks/format.ts';
import { buildScorecardMessage } from '../../build-scorecard-message.ts';
import { assertCanApprove, loadViewer } from '../../readiness-access.ts';
import { SlackAnswerError } from '../../slack-answer-error.ts';
import type { SlackDeps } from '../../slack-deps.ts';
import { decodeApproveValue } from '../../slack-ids.ts';
import { slackMessages } from '../../slack-messages.ts';

/**
 * The Approve button of a scorecard: acks, checks the clicker manages the agent's team, records the
 * decision (the use case refuses unless the status is `ready`), and redraws the card with who approved
 * and when. A refusal by the scores redraws the card as it is now with the reason; a refusal of the
 * clicker answers only them and leaves the card alone.
 */
export const handleApproveReadiness =
  (deps: SlackDeps) =>
  async ({ ack, body, action, respond }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> => {
    await ack();
    try {
      const { directory } = deps.services;
      const value = decodeApproveValue(action.value);
      if (!value) throw new SlackAnswerError('approve_button_invalid', slackMessages.approvalBadButton);
      const [viewer, agent, callTypes] = await Promise.all([
        loadViewer(directory, body.user.id),
        directory.findAgent(value.agent),
        directory.callTypes(),
      ]);
      if (!agent) throw new SlackAnswerError('agent_unknown', slackMessages.unknownAgent(value.agent));
      assertCanApprove(viewer, agent);

      const managerName =
        viewer.managedTeams.flatMap((team) => team.managers).find((manager) => manager.slackUserId === body.user.id)?.name ??
        body.user.name ??
        null;
      const scorecard = (notice: string) =>
        buildScorecardMessage(deps, { agent, audience: 'manager', callType: value.filter, callTypes, notice });
      // The scorecard of /readiness is ephemeral and is redrawn in place. A notification DM may bundle
      // coaching notes beside the readiness: it stays, and the updated scorecard comes as a new message.
      const replaceOriginal = (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral !== false;
      try {
        const { decision, agentName } = await approveReadiness(deps.services, {
          agent: agent.key,
          callType: value.callType,
          by: approverLabel(body.user.id, managerName),
          thresholds: deps.thresholds,
        });
        const callTypeName = callTypes.find((type) => type.key === value.callType)?.name ?? value.callType;
        const notice = slackMessages.approved(body.user.id, slackTime(decision.approvedAt), agentName, callTypeName);
        await respond({ replace_original: replaceOriginal, ...(await scorecard(notice)) });
      } catch (error) {
        if (!isAppError(error) || error.code !== 'approval_refused') throw error;
        await respond({ replace_original: replaceOriginal, ...(await scorecard(`:warning: ${slackMessages.approvalRefused(error.userMessage)}`)) });
      }
    } catch (error) {
      await answerError(respond, error, 'recording the approval', { replaceOriginal: false });
    }
  };
