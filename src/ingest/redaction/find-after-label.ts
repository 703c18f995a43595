/**
 * The values that follow a label ("sort code", "passport number"): for each match of `label`, the first
 * match of `value` that starts within `maxGap` characters after it with no digit in between (so the
 * value is the first number said after the label, even when the label is the agent's question in the
 * turn before). `value` must be a global regex; `accept` can turn a match down (then the next is tried).
 */
export const findAfterLabel = (
  text: string,
  label: RegExp,
  value: RegExp,
  { maxGap = 60, accept = () => true }: { maxGap?: number; accept?: (value: string) => boolean } = {},
): { start: number; end: number }[] => {
  const found: { start: number; end: number }[] = [];
  for (const match of text.matchAll(label)) {
    // A placeholder ("[CVV]", "[DOB]") is not the label said again.
    if (text[match.index - 1] === '[' && /^[A-Z]+\]/.test(text.slice(match.index, match.index + match[0].length + 1))) continue;
    const from = match.index + match[0].length;
    // Search a window, not the rest of the text: a value is at most ~80 characters long.
    const window = text.slice(0, from + maxGap + 80);
    value.lastIndex = from;
    for (let hit = value.exec(window); hit && hit.index <= from + maxGap; hit = value.exec(window)) {
      if (/\d/.test(text.slice(from, hit.index))) break;
      if (!accept(hit[0])) {
        value.lastIndex = hit.index + 1;
        continue;
      }
      found.push({ start: hit.index, end: hit.index + hit[0].length });
      break;
    }
  }
  return found;
};
