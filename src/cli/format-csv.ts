// CSV for spreadsheets and BI tools (RFC 4180): a header row, then one row per record; fields with a
// comma, quote or line break are quoted. A text field that starts like a formula (= + - @) gets a
// leading apostrophe, so a spreadsheet never runs a name as a formula; numbers stay numbers.

export type CsvValue = string | number | boolean | null | undefined;

const field = (value: CsvValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The rows as CSV text with `columns` as the header (a row's missing column is an empty field). */
export const formatCsv = (columns: readonly string[], rows: readonly Record<string, CsvValue>[]): string =>
  [columns.map(field).join(','), ...rows.map((row) => columns.map((column) => field(row[column])).join(','))].join('\r\n');
