import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';

import { answerError } from '../../answer-error.ts';
import { buildScorecardMessage } from '../../build-scorecard-message.ts';
import { parseReadinessText } from '../../parse-readiness-text.ts';
import { decideScorecardAccess, loadViewer } from '../../readiness-access.ts';
import type { SlackDeps } from '../../slack-deps.ts';

/**
 * `/readiness [@agent] [call type]`: acks at once, then answers privately (ephemeral) with the
 * scorecard the caller may see — a manager's agent, or the caller's own — or with why not and what to do.
 */
export const handleReadinessCommand =
  (deps: SlackDeps) =>
  async ({ ack, command, respond }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      const { directory } = deps.services;
      const callTypes = await directory.callTypes();
      const request = parseReadinessText(command.text ?? '', callTypes);
      const viewer = await loadViewer(directory, command.user_id);
      const access = await decideScorecardAccess(directory, viewer, request.agentRef);
      const message = await buildScorecardMessage(deps, { agent: access.agent, audience: access.audience, callType: request.callType, callTypes });
      await respond({ response_type: 'ephemeral', ...message });
    } catch (error) {
      await answerError(respond, error, 'building the readiness scorecard');
    }
  };
