import { randomFillSync } from 'node:crypto';

let counter = 0;

/** Random bytes drawn 4 KiB at a time (one call into the CSPRNG per 512 ids, not one per id), used once each. */
const pool = Buffer.alloc(4096);
let used = pool.length;
const random64 = (): bigint => {
  if (used + 8 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const value = pool.readBigUInt64BE(used);
  used += 8;
  return value;
};

/**
 * An id for a row this module inserts with its own SQL (where Prisma's `@default(cuid())` does not run):
 * the shape of the cuid()s Prisma writes, 25 characters of [a-z0-9] starting with `c`, the time in
 * milliseconds first (so ids sort roughly by creation, like cuids), then a per-process counter and 64
 * random bits.
 */
export const newRowId = (now: number = Date.now()): string => {
  counter = (counter + 1) % 36 ** 4;
  const random = random64().toString(36).padStart(13, '0').slice(-12);
  return `c${now.toString(36).padStart(8, '0')}${counter.toString(36).padStart(4, '0')}${random}`;
};
