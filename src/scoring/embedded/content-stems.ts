const STOPWORDS = new Set(
  'that this with have from they them their there then than what when where which would could should about your yours just like been were will into also only very really okay yeah hello thanks thank please sure right well know need want said told call calling help today some much more here because going does didn doesn isn wasn aren haven hasn cant dont able after again back being both each even ever every first last make made over same such take tell these those though through under until upon while without yes'.split(
    ' ',
  ),
);

/** The content words of `text` as 5-letter stems (words of 4+ letters, stop words dropped), and its numbers. */
export const contentStems = (text: string): Set<string> => {
  const stems = new Set<string>();
  for (const raw of text.toLowerCase().match(/[a-z]+|\d+(?:[.,]\d+)?/g) ?? []) {
    if (/^\d/.test(raw)) stems.add(raw);
    else if (raw.length >= 4 && !STOPWORDS.has(raw)) stems.add(raw.slice(0, 5));
  }
  return stems;
};
