/** Display names of call types by key. */
export const callTypeNamesOf = (callTypes: readonly { key: string; name: string }[]): Record<string, string> =>
  Object.fromEntries(callTypes.map((type) => [type.key, type.name]));
