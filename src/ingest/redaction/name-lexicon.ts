import nlp from 'compromise';

// compromise's lexicon (nlp.world()), read directly: parsing a sentence costs about a millisecond, a
// look-up nothing. It knows ~4,000 first and last names and which words are ordinary English.

const lexicon = (nlp as unknown as { world: () => { model: { one: { lexicon: Record<string, string | string[]> } } } }).world().model.one
  .lexicon;
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person']);

const tagsOf = (word: string): string[] => {
  const tag = lexicon[word.toLowerCase()];
  return tag === undefined ? [] : Array.isArray(tag) ? tag : [tag];
};

/** Whether compromise knows the word as a person's name ("jane", "patel"). */
export const isKnownName = (word: string): boolean => tagsOf(word).some((tag) => NAME_TAGS.has(tag));

/** Whether compromise knows the word as something other than a name ("will", "may", "grace" is a name). */
export const isOrdinaryWord = (word: string): boolean => {
  const tags = tagsOf(word);
  return tags.length > 0 && !tags.some((tag) => NAME_TAGS.has(tag));
};
