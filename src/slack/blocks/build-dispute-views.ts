import type { types } from '@slack/bolt';

import { DISPUTE_REASON_MAX, DISPUTE_NOTE_MAX } from '../../domain/disputes/index.ts';
import { shownTurn } from '../../domain/turn-number.ts';
import type { WhyScoreView } from './why-score-view.ts';
import {
  DISPUTE_BLOCKS,
  DISPUTE_CHANGE_VIEW_ID,
  DISPUTE_KEEP_VIEW_ID,
  DISPUTE_VIEW_ID,
  encodeCallValue,
  encodeDisputeValue,
  WHY_PAGE_ACTION_ID,
  WHY_VIEW_ID,
} from '../slack-ids.ts';
import { escapeMrkdwn, score } from './format.ts';
import { disputeCallLabel } from './build-dispute-blocks.ts';
import { SLACK_LIMITS, truncateText, type KnownBlock } from './limits.ts';

// The modals of issue 19: "Why this score?" (read only, paged only beyond Slack's 100 blocks), the
// agent's dispute (criterion, optional level, reason), and the manager's change (level 1–5 and note) and
// keep (note). Pure data in, a view out.

export type ModalView = types.ModalView;

/** Blocks in one modal. */
export const MODAL_BLOCKS = 100;

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncateText(text, SLACK_LIMITS.sectionText) },
});
const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncateText(text, SLACK_LIMITS.contextText) }],
});
const plain = (text: string, max = 24) => ({ type: 'plain_text' as const, text: truncateText(text, max) });

/** What a modal shows while its content loads (opened within Slack's 3-second trigger window). */
export const buildLoadingView = (title: string): ModalView => ({
  type: 'modal',
  callback_id: WHY_VIEW_ID,
  title: plain(title),
  close: plain('Close'),
  blocks: [section(':hourglass_flowing_sand: Loading…')],
});

/** A modal that only says something (a refusal, a thank-you). */
export const buildNoticeView = (title: string, text: string): ModalView => ({
  type: 'modal',
  callback_id: WHY_VIEW_ID,
  title: plain(title),
  close: plain('Close'),
  blocks: [section(text)],
});

const levelText = (level: number | null, value: number | null): string =>
  level === null ? `score ${score(value)}` : `level ${level} · ${score(value)}/100`;

/** One criterion's blocks in the Why modal. */
const criterionBlocks = (criterion: WhyScoreView['criteria'][number]): KnownBlock[] => {
  const blocks: KnownBlock[] = [{ type: 'divider' }];
  const head = criterion.applicable
    ? `*${escapeMrkdwn(criterion.name)}* — ${levelText(criterion.level, criterion.score)}${criterion.openDispute ? ' · _disputed, open_' : ''}`
    : `*${escapeMrkdwn(criterion.name)}* — not applicable to this call`;
  blocks.push(section([head, ...(criterion.rationale ? [`_${escapeMrkdwn(truncateText(criterion.rationale, 1500))}_`] : [])].join('\n')));
  for (const quote of criterion.evidence) {
    const around = quote.around.map((turn) => `${shownTurn(turn.turn)}. ${turn.role}: ${turn.text}`).join('\n');
    blocks.push(
      section(
        `> turn ${shownTurn(quote.turn)}, ${quote.role}: “${escapeMrkdwn(truncateText(quote.quote, 500))}”\n\`\`\`${truncateText(around, 2000)}\`\`\``,
      ),
    );
  }
  const anchors = [
    ...(criterion.givenAnchor && criterion.level !== null
      ? [`*Level ${criterion.level} looks like:* ${escapeMrkdwn(truncateText(criterion.givenAnchor, 1000))}`]
      : []),
    `*Exemplary looks like:* ${escapeMrkdwn(truncateText(criterion.exemplary, 1000))}`,
  ];
  blocks.push(context(anchors.join('\n')));
  if (criterion.human) {
    blocks.push(
      section(
        `:bust_in_silhouette: *Human score (used in every figure):* ${levelText(criterion.human.level, criterion.human.score)} by ${escapeMrkdwn(criterion.human.reviewer ?? 'a reviewer')}` +
          (criterion.human.rationale ? `\n_${escapeMrkdwn(truncateText(criterion.human.rationale, 1000))}_` : ''),
      ),
    );
  }
  return blocks;
};

/**
 * The Why modal's pages: every criterion in one view when the call fits Slack's 100 blocks, else pages
 * that each end at a criterion (with Previous/Next buttons).
 */
export const buildWhyViews = (why: WhyScoreView): ModalView[] => {
  const head: KnownBlock[] = [
    section(`*${escapeMrkdwn(why.agentName)}* · ${escapeMrkdwn(disputeCallLabel(why.call))}`),
    context(`${escapeMrkdwn(why.scorerLine)} Turns are numbered as in \`floorready show\`; the transcript is stored redacted.`),
  ];
  const groups = why.criteria.map(criterionBlocks);
  const all = [...head, ...groups.flat()];
  if (all.length <= MODAL_BLOCKS)
    return [{ type: 'modal', callback_id: WHY_VIEW_ID, title: plain('Why this score?'), close: plain('Close'), blocks: all }];
  // Paged: room for the head and the navigation on every page.
  const room = MODAL_BLOCKS - head.length - 2;
  const pages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  for (const group of groups) {
    const fitted = group.slice(0, room);
    if (current.length + fitted.length > room) {
      pages.push(current);
      current = [];
    }
    current.push(...fitted);
  }
  if (current.length > 0) pages.push(current);
  return pages.map((blocks, index) => {
    const buttons = [
      ...(index > 0
        ? [
            {
              type: 'button' as const,
              action_id: `${WHY_PAGE_ACTION_ID}:prev`,
              text: plain('Previous', 75),
              value: `${encodeCallValue(why.call.id)}|${index - 1}`,
            },
          ]
        : []),
      ...(index < pages.length - 1
        ? [
            {
              type: 'button' as const,
              action_id: `${WHY_PAGE_ACTION_ID}:next`,
              text: plain('Next', 75),
              value: `${encodeCallValue(why.call.id)}|${index + 1}`,
            },
          ]
        : []),
    ];
    return {
      type: 'modal' as const,
      callback_id: WHY_VIEW_ID,
      title: plain(`Why this score? ${index + 1}/${pages.length}`),
      close: plain('Close'),
      blocks: [
        ...head,
        ...blocks,
        context(`Page ${index + 1} of ${pages.length}`),
        ...(buttons.length > 0 ? [{ type: 'actions' as const, elements: buttons }] : []),
      ],
    };
  });
};

const option = (text: string, value: string) => ({ text: plain(text, 75), value });

/** The agent's dispute modal: which criterion (of the call's scored ones), the level they think fair (optional), why. */
export const buildDisputeModal = (input: { callId: string; criteria: readonly { key: string; name: string }[] }): ModalView => ({
  type: 'modal',
  callback_id: DISPUTE_VIEW_ID,
  private_metadata: encodeCallValue(input.callId),
  title: plain('Dispute a score'),
  submit: plain('Send to my manager'),
  close: plain('Cancel'),
  blocks: [
    {
      type: 'input',
      block_id: DISPUTE_BLOCKS.criterion,
      label: plain('Criterion', 2000),
      element: {
        type: 'static_select',
        action_id: DISPUTE_BLOCKS.criterion,
        options: input.criteria.slice(0, 100).map((c) => option(c.name, c.key)),
      },
    },
    {
      type: 'input',
      block_id: DISPUTE_BLOCKS.level,
      optional: true,
      label: plain('Level you think fair (optional)', 2000),
      element: {
        type: 'static_select',
        action_id: DISPUTE_BLOCKS.level,
        options: ['1', '2', '3', '4', '5'].map((level) => option(level, level)),
      },
    },
    {
      type: 'input',
      block_id: DISPUTE_BLOCKS.reason,
      label: plain('Why is the score wrong?', 2000),
      element: { type: 'plain_text_input', action_id: DISPUTE_BLOCKS.reason, multiline: true, max_length: DISPUTE_REASON_MAX },
    },
  ],
});

const noteInput = (): KnownBlock => ({
  type: 'input',
  block_id: DISPUTE_BLOCKS.note,
  label: plain('Note for the agent', 2000),
  element: { type: 'plain_text_input', action_id: DISPUTE_BLOCKS.note, multiline: true, max_length: DISPUTE_NOTE_MAX },
});

/** The manager's "Change the score": the new level (1–5) and a note, both required. */
export const buildChangeModal = (disputeId: string): ModalView => ({
  type: 'modal',
  callback_id: DISPUTE_CHANGE_VIEW_ID,
  private_metadata: encodeDisputeValue(disputeId),
  title: plain('Change the score'),
  submit: plain('Change'),
  close: plain('Cancel'),
  blocks: [
    {
      type: 'input',
      block_id: DISPUTE_BLOCKS.newLevel,
      label: plain('New level', 2000),
      element: {
        type: 'static_select',
        action_id: DISPUTE_BLOCKS.newLevel,
        options: ['1', '2', '3', '4', '5'].map((level) => option(level, level)),
      },
    },
    noteInput(),
  ],
});

/** The manager's "Keep the score": a note, required. */
export const buildKeepModal = (disputeId: string): ModalView => ({
  type: 'modal',
  callback_id: DISPUTE_KEEP_VIEW_ID,
  private_metadata: encodeDisputeValue(disputeId),
  title: plain('Keep the score'),
  submit: plain('Keep'),
  close: plain('Cancel'),
  blocks: [noteInput()],
});
