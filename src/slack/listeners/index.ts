import type { App } from '@slack/bolt';

import type { ListenerDeps } from '../slack-deps.ts';
import { APPROVE_READINESS_ACTION_ID, READINESS_COMMAND } from '../slack-ids.ts';
import { handleApproveReadiness } from './actions/approve-readiness-action.ts';
import { handleReadinessCommand } from './commands/readiness-command.ts';
import { handleAppHomeOpened } from './events/app-home-opened.ts';
import { handleTranscriptPosted } from './events/transcript-posted.ts';

/** Slack ids to listeners: nothing else. */
export const registerListeners = (app: App, deps: ListenerDeps): void => {
  app.command(READINESS_COMMAND, handleReadinessCommand(deps));
  app.action(APPROVE_READINESS_ACTION_ID, handleApproveReadiness(deps));
  app.event('app_home_opened', handleAppHomeOpened(deps));
  app.event('message', handleTranscriptPosted(deps));
};
