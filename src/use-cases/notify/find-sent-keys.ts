import type { PrismaClient } from '../../generated/sqlite/client.ts';

/**
 * Which of these outbox keys already have a row (sent, pending or failed). A read only: it lets a run
 * skip the work for messages already claimed, and lets a dry run show only what would really go out.
 * Claiming stays the one guard against double sends (outbox-repository's claimNotification).
 * TODO: belongs in src/db/outbox-repository.ts as `existingKeys`; kept here while that file is owned elsewhere.
 */
export const findSentKeys = async (prisma: PrismaClient, keys: readonly string[]): Promise<Set<string>> => {
  const found = new Set<string>();
  const unique = [...new Set(keys)];
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await prisma.notification.findMany({ where: { key: { in: unique.slice(start, start + 500) } }, select: { key: true } });
    for (const row of rows) found.add(row.key);
  }
  return found;
};
