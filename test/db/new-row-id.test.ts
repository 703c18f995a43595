import { describe, expect, it } from 'vitest';
import { newRowId } from '../../src/db/new-row-id.ts';

describe('newRowId', () => {
  it('when many ids are made (past a refill of the random pool), then each has the cuid shape, its time first, and none repeats', () => {
    const at = Date.UTC(2026, 11, 5);
    const ids = Array.from({ length: 2_000 }, () => newRowId(at));
    for (const id of ids) expect(id).toMatch(/^c[a-z0-9]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id.slice(1, 9)))).toEqual(new Set([at.toString(36).padStart(8, '0')]));
    // The random tails differ too (not only the counter).
    expect(new Set(ids.map((id) => id.slice(13))).size).toBe(ids.length);
  });
});
