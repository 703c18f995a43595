/** Adds `item` to the list under `key`, creating the list on first use: linear, unlike re-spreading the list per item. */
export const appendTo = <K, V>(lists: Map<K, V[]>, key: K, item: V): void => {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
};
