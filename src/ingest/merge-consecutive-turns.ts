import type { RawTurn } from './raw-turn.ts';

/** Speakers are the same person when their labels match ignoring case and spacing. */
export const speakerKey = (speaker: string): string => speaker.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

const turnKey = (turn: RawTurn): string | null =>
  turn.speaker === null && turn.role === undefined ? null : `${turn.role ?? ''}\u0000${speakerKey(turn.speaker ?? '')}`;

/**
 * Merges consecutive turns of the same speaker (and role) into one, texts joined with a space, keeping
 * the first start and the first spelling of the label. A turn with neither speaker nor role continues
 * the turn before it; at the very start it stays as it is.
 */
export const mergeConsecutiveTurns = (turns: readonly RawTurn[]): RawTurn[] => {
  const merged: RawTurn[] = [];
  let previousKey: string | null = null;
  for (const turn of turns) {
    const key = turnKey(turn);
    const previous = merged[merged.length - 1];
    if (previous && (key === null || key === previousKey)) {
      previous.text = [previous.text, turn.text].filter((text) => text !== '').join(' ');
      if (previous.start === undefined && turn.start !== undefined) previous.start = turn.start;
      continue;
    }
    merged.push({ ...turn });
    previousKey = key;
  }
  return merged;
};
