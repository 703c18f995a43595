/**
 * The `table` blocks of a message or view as text lines, one per row, cells joined by two spaces, so a
 * test can read a table block as it reads a text table: `Overall  60  80 · 82  82  +22  75  ✓`.
 */
interface Cell {
  type: string;
  text?: string;
  elements?: { elements?: { text?: string }[] }[];
}

const cellText = (cell: Cell): string =>
  cell.type === 'rich_text'
    ? (cell.elements ?? []).flatMap((element) => (element.elements ?? []).map((inner) => inner.text ?? '')).join('')
    : (cell.text ?? '');

export const tableLines = (blocks: readonly unknown[] | undefined): string[] =>
  (blocks ?? []).flatMap((block) => {
    const table = block as { type?: string; rows?: Cell[][] };
    return table.type === 'table' ? (table.rows ?? []).map((row) => row.map(cellText).join('  ')) : [];
  });
