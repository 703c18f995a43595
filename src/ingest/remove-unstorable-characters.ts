/** A UTF-16 surrogate without its partner: not a character, and PostgreSQL refuses it in text and JSON. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NUL = /\u0000/g;

/**
 * Text that every database stores as given: NUL characters (PostgreSQL rejects them in text and JSON)
 * are removed and lone surrogates (half of an emoji cut in two) become U+FFFD, the replacement
 * character. Everything else is kept as it is.
 */
export const removeUnstorableCharacters = (text: string): string => text.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
