import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

import { DEFAULT_DISPUTE_WINDOW_DAYS } from '../../../config/config-schema.ts';
import { AppError, isAppError } from '../../../domain/app-error.ts';
import { checkFreeText, DISPUTE_NOTE_MAX, DISPUTE_REASON_MAX, parseLevel } from '../../../domain/disputes/index.ts';
import { authoriseSeeWhy, explainScore } from '../../../use-cases/disputes/explain-score.ts';
import { disputableCriteria, raiseDispute } from '../../../use-cases/disputes/raise-dispute.ts';
import { alreadyResolved, loadDisputeFor, resolveDispute, type Resolution } from '../../../use-cases/disputes/resolve-dispute.ts';
import { identifySlackUser } from '../../../use-cases/resolve-access.ts';
import { answerError, errorNotice } from '../../answer-error.ts';
import {
  buildChangeModal,
  buildDisputeModal,
  buildKeepModal,
  buildLoadingView,
  buildNoticeView,
  buildWhyViews,
} from '../../blocks/build-dispute-views.ts';
import { escapeMrkdwn } from '../../blocks/format.ts';
import type { ListenerDeps } from '../../slack-deps.ts';
import { DISPUTE_BLOCKS, decodeCallValue, decodeDisputeValue } from '../../slack-ids.ts';

// "Why this score?" and the dispute loop in Slack (issue 19, ADR 0030): each listener acks, checks the
// button value is one this app wrote, asks one use case (which decides access before reading the call)
// and answers: a modal, or a private refusal naming no agent and showing no figure.

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;
type ViewArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

const badButton = () =>
  new AppError('button_invalid', 'This button is not one floorready wrote, or it is out of date: open the message again.');

const refuse = (respond: RespondFn, error: unknown, doing: string) => answerError(respond, error, doing, { replaceOriginal: false });

const windowDays = (deps: ListenerDeps): number => deps.disputes?.windowDays ?? DEFAULT_DISPUTE_WINDOW_DAYS;

/** "Why this score?": a loading view within Slack's 3 s trigger window, then the explanation (or why not). */
export const handleWhyScore =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const callId = decodeCallValue(action.value);
    if (!callId) return refuse(respond, badButton(), 'opening the scores');
    // Access first (fast: who the clicker is, then the call's agent): a refusal answers privately, with no modal.
    try {
      await authoriseSeeWhy(deps.services, body.user.id, callId);
    } catch (error) {
      return refuse(respond, error, 'opening the scores');
    }
    const opened = await client.views.open({ trigger_id: body.trigger_id, view: buildLoadingView('Why this score?') });
    const viewId = opened.view?.id;
    if (!viewId) return;
    await showWhyPage(deps, client, { viewId, slackUserId: body.user.id, callId, page: 0 });
  };

/**
 * Page `page` of the Why modal in the open view, or, when the call can no longer be explained to the
 * clicker (forgotten, moved to another team, the clicker removed), the refusal in the modal itself: a
 * click inside a modal has no response URL, so the view is the only place left to answer.
 */
const showWhyPage = async (
  deps: ListenerDeps,
  client: ButtonArgs['client'],
  input: { viewId: string; slackUserId: string; callId: string; page: number },
): Promise<void> => {
  try {
    const why = await explainScore(deps.services, { slackUserId: input.slackUserId, callId: input.callId, thresholds: deps.thresholds });
    const pages = buildWhyViews(why);
    const view = pages[Math.min(Math.max(input.page, 0), pages.length - 1)];
    if (view) await client.views.update({ view_id: input.viewId, view });
  } catch (error) {
    // The same words, from the same catalogue, as the private answer to a refused Why click.
    const notice = errorNotice(error, 'opening the scores');
    await client.views.update({ view_id: input.viewId, view: buildNoticeView('Why this score?', notice.text) });
    if (!notice.expected) throw error;
  }
};

/** Previous/Next of a Why modal longer than Slack's 100 blocks. */
export const handleWhyPage =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, client }: ButtonArgs): Promise<void> => {
    await ack();
    const [raw, pageText] = (action.value ?? '').split('|');
    const callId = decodeCallValue(raw);
    const page = Number(pageText);
    const viewId = body.view?.id;
    if (!viewId) return;
    if (!callId || !Number.isInteger(page)) {
      await client.views.update({
        view_id: viewId,
        view: buildNoticeView('Why this score?', errorNotice(badButton(), 'opening the scores').text),
      });
      return;
    }
    await showWhyPage(deps, client, { viewId, slackUserId: body.user.id, callId, page });
  };

/** The agent's Dispute button: the modal with the call's scored criteria, or why not. */
export const handleDisputeOpen =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const callId = decodeCallValue(action.value);
    if (!callId) return refuse(respond, badButton(), 'opening the dispute');
    try {
      const { criteria } = await disputableCriteria(deps.services, {
        slackUserId: body.user.id,
        callId,
        now: deps.services.now(),
        windowDays: windowDays(deps),
      });
      await client.views.open({ trigger_id: body.trigger_id, view: buildDisputeModal({ callId, criteria }) });
    } catch (error) {
      await refuse(respond, error, 'opening the dispute');
    }
  };

type Values = ViewSubmitAction['view']['state']['values'];
const selected = (values: Values, block: string): string | null => values[block]?.[block]?.selected_option?.value ?? null;
const typed = (values: Values, block: string): string => values[block]?.[block]?.value ?? '';

const freeTextError = (problem: 'empty' | 'too_long', what: string, max: number): string =>
  problem === 'empty' ? `${what} is required.` : `Keep it to ${max} characters or fewer.`;

/** A refusal inside a modal: on a field's block when it is about one, else the modal turns into the notice. */
const modalRefusal = async (ack: ViewArgs['ack'], error: unknown, title: string, fieldBlocks: Record<string, string>): Promise<void> => {
  if (!isAppError(error)) {
    await ack({
      response_action: 'update',
      view: buildNoticeView(title, ':warning: Something went wrong: nothing was stored. Try again in a minute.'),
    });
    throw error;
  }
  const field = 'field' in error.params && typeof error.params.field === 'string' ? fieldBlocks[error.params.field] : undefined;
  if (field) await ack({ response_action: 'errors', errors: { [field]: error.userMessage } });
  else await ack({ response_action: 'update', view: buildNoticeView(title, `:warning: ${escapeMrkdwn(error.userMessage)}`) });
};

/** The dispute modal's submission: the reason checked here (Slack may send anything), one dispute however often Slack retries. */
export const handleDisputeSubmit =
  (deps: ListenerDeps) =>
  async ({ ack, body, view }: ViewArgs): Promise<void> => {
    const callId = decodeCallValue(view.private_metadata);
    const values = view.state.values;
    const reason = typed(values, DISPUTE_BLOCKS.reason);
    const problem = checkFreeText(reason, DISPUTE_REASON_MAX);
    if (!callId) {
      await ack({ response_action: 'errors', errors: { [DISPUTE_BLOCKS.reason]: badButton().userMessage } });
      return;
    }
    if (problem) {
      await ack({ response_action: 'errors', errors: { [DISPUTE_BLOCKS.reason]: freeTextError(problem, 'A reason', DISPUTE_REASON_MAX) } });
      return;
    }
    const criterionKey = selected(values, DISPUTE_BLOCKS.criterion);
    if (!criterionKey) {
      await ack({ response_action: 'errors', errors: { [DISPUTE_BLOCKS.criterion]: 'Pick the criterion you dispute.' } });
      return;
    }
    const levelText = selected(values, DISPUTE_BLOCKS.level);
    try {
      await raiseDispute(deps.services, {
        slackUserId: body.user.id,
        callId,
        criterionKey,
        proposedLevel: levelText === null ? null : parseLevel(levelText),
        reason,
        // Slack retries a submission it thinks timed out with the same view: one dispute.
        requestId: view.id,
        now: deps.services.now(),
        windowDays: windowDays(deps),
      });
    } catch (error) {
      await modalRefusal(ack, error, 'Dispute a score', { reason: DISPUTE_BLOCKS.reason, criterion: DISPUTE_BLOCKS.criterion });
      return;
    }
    await ack({
      response_action: 'update',
      view: buildNoticeView(
        'Dispute sent',
        ':white_check_mark: Sent to your team’s managers. You’ll get a DM when one of them resolves it.',
      ),
    });
    deps.onDisputeChange?.();
  };

/** A manager's Change/Keep button: the modal, or (already resolved) who resolved it and when, privately. */
export const handleResolveOpen =
  (deps: ListenerDeps, change: boolean) =>
  async ({ ack, body, action, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const disputeId = decodeDisputeValue(action.value);
    if (!disputeId) return refuse(respond, badButton(), 'opening the dispute');
    try {
      const dispute = await loadDisputeFor(deps.services, await identifySlackUser(deps.services.directory, body.user.id), disputeId);
      if (dispute.state !== 'open') throw alreadyResolved(dispute);
      await client.views.open({ trigger_id: body.trigger_id, view: change ? buildChangeModal(disputeId) : buildKeepModal(disputeId) });
    } catch (error) {
      await refuse(respond, error, 'opening the dispute');
    }
  };

/** The manager's Change/Keep submission: level (Change) and note checked here, then the one resolution. */
export const handleResolveSubmit =
  (deps: ListenerDeps, change: boolean) =>
  async ({ ack, body, view }: ViewArgs): Promise<void> => {
    const disputeId = decodeDisputeValue(view.private_metadata);
    const values = view.state.values;
    const note = typed(values, DISPUTE_BLOCKS.note);
    const errors: Record<string, string> = {};
    const level = change ? parseLevel(selected(values, DISPUTE_BLOCKS.newLevel)) : null;
    if (change && level === null) errors[DISPUTE_BLOCKS.newLevel] = 'Pick the new level, 1 to 5.';
    const problem = checkFreeText(note, DISPUTE_NOTE_MAX);
    if (problem) errors[DISPUTE_BLOCKS.note] = freeTextError(problem, 'A note for the agent', DISPUTE_NOTE_MAX);
    if (!disputeId) errors[DISPUTE_BLOCKS.note] = badButton().userMessage;
    if (Object.keys(errors).length > 0 || !disputeId) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const resolution: Resolution = level === null ? { keep: true } : { change: level };
    try {
      const person = await identifySlackUser(deps.services.directory, body.user.id);
      await resolveDispute(deps.services, { person, disputeId, resolution, note, now: deps.services.now() });
    } catch (error) {
      await modalRefusal(ack, error, change ? 'Change the score' : 'Keep the score', { note: DISPUTE_BLOCKS.note });
      return;
    }
    await ack({
      response_action: 'update',
      view: buildNoticeView(
        change ? 'Score changed' : 'Score kept',
        `:white_check_mark: Done. The agent gets a DM with the outcome and your note.`,
      ),
    });
    deps.onDisputeChange?.();
  };
