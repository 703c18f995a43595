import type { types } from '@slack/bolt';

// Slack's Block Kit limits, enforced here and nowhere else: every builder passes its message through
// `fitMessage` as its last step. A message over a limit is cut with "…" and a note saying where the
// full report is, never rejected by Slack (which would leave the user with nothing).

export type KnownBlock = types.KnownBlock;

export interface SlackMessage {
  /** Plain-text fallback: notifications, screen readers, clients that cannot show blocks. */
  text: string;
  blocks: KnownBlock[];
  /**
   * The same message with its tables as text and no image: what is sent instead when Slack refuses
   * the table or image blocks (an old client or surface, a file not ready). Absent: nothing to fall back to.
   */
  fallback?: PlainSlackMessage;
}

/** A message without a further fallback. */
export type PlainSlackMessage = Omit<SlackMessage, 'fallback'>;

export const SLACK_LIMITS = {
  /** Blocks in one message (Home tab and modals allow 100; messages 50). */
  blocks: 50,
  /** Blocks in one App Home view (`views.publish`). */
  homeBlocks: 100,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  blockId: 255,
  /** Our own bound for the fallback `text` (Slack cuts at 40,000; a notification shows far less). */
  fallbackText: 3000,
  /** Rows of a `table` block, its header row included. */
  tableRows: 100,
  /** Cells of one row of a `table` block (and entries of its column_settings). */
  tableCells: 20,
  /** `table` blocks in one message or view: Slack shows one; the builders put their main table there. */
  tables: 1,
  /** Our own bound for one table cell. */
  tableCellText: 2000,
  imageAltText: 2000,
  imageTitle: 2000,
  markdownText: 12000,
} as const;

export const ELLIPSIS = '…';
const FENCE = '```';

/**
 * `text` cut to at most `max` characters, ending with "…" when cut. A code block left open by the cut
 * is closed again, so the rest of the message does not render as code.
 */
export const truncateText = (text: string, max: number): string => {
  if (text.length <= max) return text;
  let kept = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  let suffix = ELLIPSIS;
  if ((kept.split(FENCE).length - 1) % 2 === 1) {
    suffix = `${ELLIPSIS}\n${FENCE}`;
    kept = text.slice(0, Math.max(0, max - suffix.length));
    // The cut may have removed the opening fence itself: then there is nothing to close.
    if ((kept.split(FENCE).length - 1) % 2 === 0) suffix = ELLIPSIS;
  }
  // Never leave half of a surrogate pair (an emoji) before the ellipsis.
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}${suffix}`;
};

interface Fitting {
  cut: boolean;
}

const fitText = <T extends { text: string }>(object: T, max: number, state: Fitting): T => {
  if (object.text.length <= max) return object;
  state.cut = true;
  return { ...object, text: truncateText(object.text, max) };
};

const fitBlock = (block: KnownBlock, state: Fitting): KnownBlock => {
  switch (block.type) {
    case 'header':
      return { ...block, text: fitText(block.text, SLACK_LIMITS.headerText, state) };
    case 'section': {
      const fitted = { ...block };
      if (fitted.text) fitted.text = fitText(fitted.text, SLACK_LIMITS.sectionText, state);
      if (fitted.fields) {
        if (fitted.fields.length > SLACK_LIMITS.fields) state.cut = true;
        fitted.fields = fitted.fields.slice(0, SLACK_LIMITS.fields).map((field) => fitText(field, SLACK_LIMITS.fieldText, state));
      }
      return fitted;
    }
    case 'context': {
      if (block.elements.length > SLACK_LIMITS.contextElements) state.cut = true;
      const elements = block.elements
        .slice(0, SLACK_LIMITS.contextElements)
        .map((element) =>
          'text' in element && typeof element.text === 'string' ? fitText(element, SLACK_LIMITS.contextText, state) : element,
        );
      return { ...block, elements };
    }
    case 'actions': {
      if (block.elements.length > SLACK_LIMITS.actionsElements) state.cut = true;
      const elements = block.elements.slice(0, SLACK_LIMITS.actionsElements).map((element) => {
        if (element.type !== 'button') return element;
        if (element.value !== undefined && element.value.length > SLACK_LIMITS.buttonValue) {
          // A cut value would be a wrong value: a builder must never produce one this long.
          throw new Error(`button value of ${element.value.length} characters exceeds Slack's ${SLACK_LIMITS.buttonValue}`);
        }
        return { ...element, text: fitText(element.text, SLACK_LIMITS.buttonText, state) };
      });
      return { ...block, elements };
    }
    case 'table': {
      if (block.rows.length > SLACK_LIMITS.tableRows || block.rows.some((row) => row.length > SLACK_LIMITS.tableCells)) state.cut = true;
      const rows = block.rows
        .slice(0, SLACK_LIMITS.tableRows)
        .map((row) =>
          row
            .slice(0, SLACK_LIMITS.tableCells)
            .map((cell) => (cell.type === 'raw_text' ? fitText(cell, SLACK_LIMITS.tableCellText, state) : cell)),
        );
      return {
        ...block,
        rows,
        ...(block.column_settings ? { column_settings: block.column_settings.slice(0, SLACK_LIMITS.tableCells) } : {}),
      };
    }
    case 'image': {
      const alt = truncateText(block.alt_text, SLACK_LIMITS.imageAltText);
      return { ...block, alt_text: alt, ...(block.title ? { title: fitText(block.title, SLACK_LIMITS.imageTitle, state) } : {}) };
    }
    case 'markdown':
      return fitText(block, SLACK_LIMITS.markdownText, state);
    default:
      return block;
  }
};

/** Only the first `SLACK_LIMITS.tables` table blocks are kept: a builder never makes more, so this only guards. */
const keepTables = (blocks: KnownBlock[], state: Fitting): KnownBlock[] => {
  let tables = 0;
  return blocks.filter((block) => {
    if (block.type !== 'table') return true;
    tables += 1;
    if (tables <= SLACK_LIMITS.tables) return true;
    state.cut = true;
    return false;
  });
};

/** The context block that says the message was shortened and where the whole report is. */
export const truncationNoteBlock = (note: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncateText(`${ELLIPSIS} ${note}`, SLACK_LIMITS.contextText) }],
});

/**
 * The message within Slack's limits: over-long texts cut with "…", extra fields and blocks left off,
 * and, when anything was cut, `truncationNote` as the last block (e.g. where to read the full report).
 */
export const fitMessage = (
  message: SlackMessage,
  truncationNote: string,
  /** The surface's block limit: a message's by default, `SLACK_LIMITS.homeBlocks` for a Home view. */
  maxBlocks: number = SLACK_LIMITS.blocks,
): SlackMessage & { truncated: boolean } => {
  const state: Fitting = { cut: false };
  let blocks = keepTables(message.blocks, state).map((block) => fitBlock(block, state));
  if (blocks.length > maxBlocks) {
    state.cut = true;
    blocks = blocks.slice(0, maxBlocks - 1);
    // A divider as the last kept block would only separate the report from the note.
    while (blocks.at(-1)?.type === 'divider') blocks.pop();
  }
  if (state.cut) {
    if (blocks.length >= maxBlocks) blocks = blocks.slice(0, maxBlocks - 1);
    blocks.push(truncationNoteBlock(truncationNote));
  }
  const text = truncateText(message.text, SLACK_LIMITS.fallbackText);
  const fallback = message.fallback ? fitMessage(message.fallback, truncationNote, maxBlocks) : null;
  return {
    text,
    blocks,
    ...(fallback ? { fallback: { text: fallback.text, blocks: fallback.blocks } } : {}),
    truncated: state.cut || text !== message.text,
  };
};

/** An App Home view (`views.publish`) within Slack's limits: as `fitMessage`, with the Home limit of 100 blocks. */
export const fitHomeView = (
  blocks: KnownBlock[],
  truncationNote: string,
  /** The same view with text tables and no image, published when Slack refuses the rich one. */
  fallback?: KnownBlock[],
): { type: 'home'; blocks: KnownBlock[]; truncated: boolean; fallback?: { type: 'home'; blocks: KnownBlock[] } } => {
  const fitted = fitMessage(
    { text: '', blocks, ...(fallback ? { fallback: { text: '', blocks: fallback } } : {}) },
    truncationNote,
    SLACK_LIMITS.homeBlocks,
  );
  return {
    type: 'home',
    blocks: fitted.blocks,
    truncated: fitted.truncated,
    ...(fitted.fallback ? { fallback: { type: 'home', blocks: fitted.fallback.blocks } } : {}),
  };
};
