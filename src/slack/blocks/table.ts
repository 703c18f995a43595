import type { types } from '@slack/bolt';

import { escapeMrkdwn } from './format.ts';

// A table as data, rendered two ways from the same rows: Slack's `table` block (reads well on a phone)
// and a monospaced code block (the text fallback, for clients or surfaces that refuse the table
// block). The block limits (rows, cells) are enforced by limits.ts, the one place that knows them.

export interface TableColumn {
  header: string;
  align?: 'left' | 'center' | 'right';
  /** Let long cells wrap in the table block (names, call types). */
  wrap?: boolean;
}

export interface TableData {
  columns: TableColumn[];
  /** One cell per column, as shown ("—" for a missing figure: never empty, Slack refuses empty cells). */
  rows: string[][];
}

export type TableBlock = types.TableBlock;

const bold = (text: string): types.RichTextBlock => ({
  type: 'rich_text',
  elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text, style: { bold: true } }] }],
});

const raw = (text: string): types.RawTextElement => ({ type: 'raw_text', text: text.length > 0 ? text : '—' });

/** The table as Slack's `table` block: a bold header row, then one row per data row. */
export const tableBlock = (table: TableData): TableBlock => ({
  type: 'table',
  column_settings: table.columns.map((column) => ({ align: column.align ?? 'left', is_wrapped: column.wrap ?? false })),
  rows: [
    table.columns.map((column) => bold(column.header)),
    ...table.rows.map((row) => table.columns.map((_, index) => raw(row[index] ?? ''))),
  ],
});

/** The table as monospaced text in a code block (mrkdwn-escaped), columns padded to their widest cell. */
export const textTable = (table: TableData): string => {
  const widths = table.columns.map((column, index) =>
    Math.max(column.header.length, ...table.rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    table.columns
      .map((column, index) => {
        const cell = cells[index] ?? '';
        const width = widths[index] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return `\`\`\`\n${escapeMrkdwn([line(table.columns.map((column) => column.header)), ...table.rows.map(line)].join('\n'))}\n\`\`\``;
};

/** A table block's cells as text, row by row (the header row first): for dry runs and tests. */
export const tableBlockRows = (block: TableBlock): string[][] =>
  block.rows.map((row) =>
    row.map((cell) => {
      if (cell.type === 'raw_text') return cell.text;
      if (cell.type === 'raw_number') return cell.text;
      return cell.elements
        .flatMap((element): unknown[] => ('elements' in element ? element.elements : []))
        .map((element) => {
          const text = (element as { text?: unknown }).text;
          return typeof text === 'string' ? text : '';
        })
        .join('');
    }),
  );
