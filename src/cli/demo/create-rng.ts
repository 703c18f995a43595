/** A seeded pseudo-random generator (mulberry32): the same seed always gives the same sequence. */
export interface Rng {
  /** A float in [0, 1). */
  next: () => number;
  /** An integer in [min, max]. */
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  shuffle: <T>(items: readonly T[]) => T[];
}

export const createRng = (seed: number): Rng => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[int(0, items.length - 1)] as T;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  };
  return { next, int, pick, shuffle };
};

/** Stable 32-bit hash of a string (FNV-1a), to derive one sub-seed per stream. */
export const hashSeed = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

/**
 * Which of `n` calls show a behaviour with probability `p`: exactly round(p·n) of them, the seeded
 * generator choosing which. Sampling without replacement keeps a 17-call batch's mean where the profile
 * puts it, so the demo's rules fire for the intended agents on every run and every machine.
 */
export const chooseShare = (rng: Rng, n: number, p: number): boolean[] => {
  const shown = Math.round(Math.min(1, Math.max(0, p)) * n);
  return rng.shuffle(Array.from({ length: n }, (_, index) => index < shown));
};
