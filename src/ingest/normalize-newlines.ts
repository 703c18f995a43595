/** Drops a leading byte-order mark and turns CRLF and lone CR line ends into LF. */
export const normalizeNewlines = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
