/**
 * A text derived from another, with each of its characters mapped back to the stretch of the original it
 * came from (`from[i]` up to `to[i]`), so a match in the derived text names the words that were written.
 */
export interface MappedText {
  text: string;
  /** Absent when each character maps to its own place in the original (the same text, or one folded one for one). */
  from?: number[];
  to?: number[];
}

/** A text mapped to itself. */
export const identityMapped = (text: string): MappedText => ({ text });

/** Builds a mapped text piece by piece. */
export const mappedTextBuilder = () => {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  return {
    /** Appends `piece`, every character of it standing for original[start, end). */
    push(piece: string, start: number, end: number): void {
      text += piece;
      for (let index = 0; index < piece.length; index += 1) {
        from.push(start);
        to.push(end);
      }
    },
    /** Appends `piece` copied from original[start, …), one character for one. */
    copy(piece: string, start: number): void {
      text += piece;
      for (let index = 0; index < piece.length; index += 1) {
        from.push(start + index);
        to.push(start + index + 1);
      }
    },
    build(): MappedText {
      return { text, from, to };
    },
  };
};

/**
 * The original stretch behind derived[start, end), or null when nothing of the original is behind it.
 * Characters that stand for nothing (a space put between two spoken numbers) do not count.
 */
export const originalRange = (mapped: MappedText, start: number, end: number): { start: number; end: number } | null => {
  if (!mapped.from || !mapped.to) return start < end ? { start, end } : null;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let index = start; index < end; index += 1) {
    const from = mapped.from[index] ?? 0;
    const to = mapped.to[index] ?? 0;
    if (to <= from) continue;
    low = Math.min(low, from);
    high = Math.max(high, to);
  }
  return low < high ? { start: low, end: high } : null;
};

/** `outer` composed with `inner`: characters of inner.text mapped to the original behind outer. */
export const composeMapped = (outer: MappedText, inner: MappedText): MappedText => {
  if (!outer.from) return inner;
  if (!inner.from) return { ...outer, text: inner.text };
  const from: number[] = [];
  const to: number[] = [];
  for (let index = 0; index < inner.text.length; index += 1) {
    const range = originalRange(outer, inner.from[index] ?? 0, inner.to?.[index] ?? 0);
    const at = outer.from[inner.from[index] ?? 0] ?? outer.from.at(-1) ?? 0;
    from.push(range?.start ?? at);
    to.push(range?.end ?? at);
  }
  return { text: inner.text, from, to };
};

/** `mapped` without its first `count` characters, each remaining character still mapped to the original. */
export const dropLeading = (mapped: MappedText, count: number): MappedText => {
  if (count <= 0) return mapped;
  const length = mapped.text.length;
  const from = mapped.from ?? Array.from({ length }, (_, index) => index);
  const to = mapped.to ?? Array.from({ length }, (_, index) => index + 1);
  return { text: mapped.text.slice(count), from: from.slice(count), to: to.slice(count) };
};
