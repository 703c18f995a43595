import { createHash } from 'node:crypto';

import type { Turn } from '../domain/types.ts';

/**
 * The duplicate check's content hash: sha256 over the *redacted* turns (role and text, spaces folded,
 * any case). Taken after redaction so that no hash of raw customer data is stored (a hash of a short
 * value such as a card number can be guessed back), and so that a call whose stored turns were
 * re-redacted by `floorready redact --apply` still matches its file when it is imported again (the
 * redact command takes the hash again over what it stored). Two calls that differ only in a
 * redacted value (the card number, the customer's name) hash the same: for one agent they are one
 * call, unless their external ids tell them apart.
 */
export const hashTurns = (turns: readonly Pick<Turn, 'role' | 'text'>[]): string =>
  createHash('sha256')
    .update(JSON.stringify(turns.map((turn) => [turn.role, turn.text.replace(/\s+/g, ' ').trim().toLowerCase()])))
    .digest('hex');
