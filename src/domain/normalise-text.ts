/**
 * Text as a model reads it, in one canonical form: Unicode compatibility forms folded (NFKC: full-width
 * "＜／ｔｒａｎｓｃｒｉｐｔ＞" is "</transcript>", "ﬁ" is "fi") and invisible format characters removed
 * (zero-width space and joiners, word joiner, soft hyphen, bidi controls, tag characters, BOM). The
 * scoring prompt sends turns in this form and evidence is verified in it, so a look-alike can neither
 * slip past a check nor make a real quote fail.
 */
const INVISIBLE = /[\p{Cf}]/gu;
/** A character outside ASCII. ASCII text is its own NFKC form and holds no format character (ADR 0056). */
const NON_ASCII = /[^\x00-\x7f]/;

export const normaliseText = (text: string): string => (NON_ASCII.test(text) ? text.normalize('NFKC').replace(INVISIBLE, '') : text);
