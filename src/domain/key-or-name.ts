// Finding an item (a call type, a team) by its key or its name as people type it: pure, used by the
// config checks, the repositories and the entry points alike.

/** A key or name as people type it: any case, spaces, hyphens and underscores alike ("Billing dispute" = "billing_dispute"). */
const normaliseKeyOrName = (text: string): string =>
  text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');

/**
 * The item a reference names by its key or its name, in any case, with spaces, hyphens or underscores
 * ("ESCALATION", "Billing dispute", "billing-dispute"); a key wins over another item's name. Null when
 * none matches. The one resolver for call types (and anything else with a key and a name).
 */
export const findByKeyOrName = <T extends { key: string; name: string }>(items: readonly T[], ref: string): T | null => {
  const wanted = normaliseKeyOrName(ref);
  if (wanted === '') return null;
  return (
    items.find((item) => normaliseKeyOrName(item.key) === wanted) ?? items.find((item) => normaliseKeyOrName(item.name) === wanted) ?? null
  );
};

/**
 * Every item whose name matches a reference the way `findByKeyOrName` matches (any case, spaces, hyphens
 * or underscores alike): for names that need not be unique, such as people's, so that two matches can be
 * refused with the candidates instead of one being picked.
 */
export const findAllByName = <T>(items: readonly T[], namesOf: (item: T) => readonly string[], ref: string): T[] => {
  const wanted = normaliseKeyOrName(ref);
  if (wanted === '') return [];
  return items.filter((item) => namesOf(item).some((name) => normaliseKeyOrName(name) === wanted));
};

/** What a reference names: the one item, or none with the candidates (several when a name is shared). */
export type KeyOrNameMatch<T> = { found: T } | { found: null; candidates: T[] };

/**
 * The one item a reference names: by key (exact after normalising) first, else by name; `ambiguous`
 * with the candidates when several items carry that name.
 */
export const resolveByKeyOrName = <T extends { key: string; name: string }>(items: readonly T[], ref: string): KeyOrNameMatch<T> => {
  const wanted = normaliseKeyOrName(ref);
  const byKey = wanted === '' ? undefined : items.find((item) => normaliseKeyOrName(item.key) === wanted);
  if (byKey) return { found: byKey };
  const named = findAllByName(items, (item) => [item.name], ref);
  return named.length === 1 && named[0] ? { found: named[0] } : { found: null, candidates: named };
};
