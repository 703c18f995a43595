/**
 * How deep JSON may nest before it is parsed (ADR 0026). No transcript format nests deeper than about ten
 * levels (a Gong export's sentences are seven deep); 64 leaves room for any export and keeps every later
 * walk over the value (detection, validation, `JSON.stringify`) far from the stack's limit, which a
 * 60 KB body of 10,000 brackets reached.
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_ARRAY = 0x5b; // [
const OPEN_OBJECT = 0x7b; // {
const CLOSE_ARRAY = 0x5d; // ]
const CLOSE_OBJECT = 0x7d; // }
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether JSON text nests arrays and objects deeper than `max` (brackets inside strings do not count).
 * One pass over the text, no parsing and no recursion: it is what makes parsing safe, so it must be
 * safe on any input, valid JSON or not.
 */
export const isJsonDeeperThan = (text: string, max: number = MAX_JSON_DEPTH): boolean => {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      depth += 1;
      if (depth > max) return true;
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      depth -= 1;
    }
  }
  return false;
};

/** The reason every entry point gives for JSON nested too deep (`what`: "The transcript", "The request body"). */
export const jsonTooDeepReason = (what: string): string =>
  `${what} is JSON nested more than ${MAX_JSON_DEPTH} levels deep, which no transcript format needs, so it was not read. ` +
  'Send the call platform\'s export as it was downloaded, or the turns as `[{"speaker": "Agent", "text": "Hello"}]`.';
