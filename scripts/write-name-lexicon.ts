/**
 * Writes src/ingest/redaction/name-lexicon-words.ts from compromise's lexicon (ADR 0051):
 *
 *   npx tsx scripts/write-name-lexicon.ts
 *
 * Run it after upgrading compromise; test/ingest/redaction/name-lexicon.test.ts fails until then.
 * Building the lexicon (nlp.world(): 437 modules, then its word lists unpacked and conjugated) cost
 * `floorready score` about 0.9 s of CPU at every start; the two word lists it yields load in milliseconds.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import nlp from 'compromise';

export const NAME_LEXICON_FILE = new URL('../src/ingest/redaction/name-lexicon-words.ts', import.meta.url);

const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person']);

/** The installed compromise's lowercase words, split into names and the other words it knows, each sorted. */
export const nameLexiconLists = (): { names: string[]; ordinary: string[] } => {
  const lexicon = (nlp as unknown as { world: () => { model: { one: { lexicon: Record<string, string | string[]> } } } }).world().model.one
    .lexicon;
  const names: string[] = [];
  const ordinary: string[] = [];
  for (const [word, tag] of Object.entries(lexicon)) {
    // Look-ups lowercase the word first: a key with a capital (":P") is never found.
    if (word !== word.toLowerCase()) continue;
    const tags = Array.isArray(tag) ? tag : [tag];
    if (tags.some((t) => NAME_TAGS.has(t))) names.push(word);
    else if (tags.length > 0) ordinary.push(word);
  }
  return { names: names.sort(), ordinary: ordinary.sort() };
};

/** The source of name-lexicon-words.ts for the installed compromise (Biome then formats it). */
const nameLexiconSource = (): string => {
  const { names, ordinary } = nameLexiconLists();
  const list = (words: string[]): string => JSON.stringify(words.join('\n'));
  const { version } = nlp as unknown as { version: string };
  return [
    `// Written by scripts/write-name-lexicon.ts from compromise ${version}'s lexicon; do not edit (ADR 0051).`,
    '',
    "/** The words compromise tags as a person's name (FirstName, MaleName, FemaleName, LastName, Person), one a line. */",
    `export const NAME_WORDS = ${list(names)};`,
    '',
    '/** The other words compromise knows (with a tag, none of them a name), one a line. */',
    `export const ORDINARY_WORDS = ${list(ordinary)};`,
    '',
  ].join('\n');
};

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  await writeFile(NAME_LEXICON_FILE, nameLexiconSource());
  execFileSync('npx', ['biome', 'format', '--write', NAME_LEXICON_FILE.pathname], { stdio: 'inherit' });
  console.log(`wrote ${NAME_LEXICON_FILE.pathname}`);
}
