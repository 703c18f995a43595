/**
 * Turns are stored and sent to a model from 0 (an array index); people read them from 1, as
 * `floorready show` prints them. Every text a person reads (CLI, Slack) numbers a turn with this.
 */
export const shownTurn = (storedTurn: number): number => storedTurn + 1;
