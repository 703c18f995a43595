/** Words of 4+ letters too common to say what a call is about. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  'that this with have from they them their there then than what when where which would could should about your yours just like been were will into also only very really okay yeah hello thanks thank please sure right well know need want said told call calling help today some much more here because going does didn doesn isn wasn aren haven hasn cant dont able after again back being both each even ever every first last make made over same such take tell these those though through under until upon while without yes'.split(
    ' ',
  ),
);

const isLetter = (code: number): boolean => code >= 0x61 && code <= 0x7a;
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/**
 * The content words of `text` as 5-letter stems (words of 4+ letters, stop words dropped), and its numbers:
 * the words and numbers `/[a-z]+|\d+(?:[.,]\d+)?/g` finds in the lower-cased text, read in one pass over its
 * characters (the scorer reads every turn this way; the expression's array of matches cost more, ADR 0054).
 */
export const contentStems = (text: string): Set<string> => {
  const stems = new Set<string>();
  const lower = text.toLowerCase();
  const length = lower.length;
  for (let start = 0; start < length; ) {
    const code = lower.charCodeAt(start);
    let end = start + 1;
    if (isLetter(code)) {
      while (end < length && isLetter(lower.charCodeAt(end))) end += 1;
      if (end - start >= 4) {
        const word = lower.slice(start, end);
        if (!STOPWORDS.has(word)) stems.add(end - start > 5 ? word.slice(0, 5) : word);
      }
    } else if (isDigit(code)) {
      while (end < length && isDigit(lower.charCodeAt(end))) end += 1;
      // One decimal part: "12.50", "1,000" (not "1,000,000": its second group starts a number of its own).
      const mark = lower.charCodeAt(end);
      if ((mark === 0x2e || mark === 0x2c) && isDigit(lower.charCodeAt(end + 1))) {
        end += 2;
        while (end < length && isDigit(lower.charCodeAt(end))) end += 1;
      }
      stems.add(lower.slice(start, end));
    }
    start = end;
  }
  return stems;
};
