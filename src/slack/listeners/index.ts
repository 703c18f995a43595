import type { App } from '@slack/bolt';

import type { ListenerDeps } from '../slack-deps.ts';
import {
  APPROVE_READINESS_ACTION_ID,
  DISPUTE_ACTION_ID,
  DISPUTE_CHANGE_ACTION_ID,
  DISPUTE_CHANGE_VIEW_ID,
  DISPUTE_KEEP_ACTION_ID,
  DISPUTE_KEEP_VIEW_ID,
  DISPUTE_VIEW_ID,
  READINESS_COMMAND,
  WHY_PAGE_ACTION_ID,
  WHY_SCORE_ACTION_ID,
} from '../slack-ids.ts';
import {
  handleDisputeOpen,
  handleDisputeSubmit,
  handleResolveOpen,
  handleResolveSubmit,
  handleWhyPage,
  handleWhyScore,
} from './actions/dispute-actions.ts';
import { handleApproveReadiness } from './actions/approve-readiness-action.ts';
import { handleReadinessCommand } from './commands/readiness-command.ts';
import { handleAppHomeOpened } from './events/app-home-opened.ts';
import { handleTranscriptPosted } from './events/transcript-posted.ts';

/** Slack ids to listeners: nothing else. */
export const registerListeners = (app: App, deps: ListenerDeps): void => {
  app.command(READINESS_COMMAND, handleReadinessCommand(deps));
  app.action(APPROVE_READINESS_ACTION_ID, handleApproveReadiness(deps));
  app.action(WHY_SCORE_ACTION_ID, handleWhyScore(deps));
  app.action(new RegExp(`^${WHY_PAGE_ACTION_ID}:`), handleWhyPage(deps));
  app.action(DISPUTE_ACTION_ID, handleDisputeOpen(deps));
  app.action(DISPUTE_CHANGE_ACTION_ID, handleResolveOpen(deps, true));
  app.action(DISPUTE_KEEP_ACTION_ID, handleResolveOpen(deps, false));
  app.view(DISPUTE_VIEW_ID, handleDisputeSubmit(deps));
  app.view(DISPUTE_CHANGE_VIEW_ID, handleResolveSubmit(deps, true));
  app.view(DISPUTE_KEEP_VIEW_ID, handleResolveSubmit(deps, false));
  app.event('app_home_opened', handleAppHomeOpened(deps));
  app.event('message', handleTranscriptPosted(deps));
};
