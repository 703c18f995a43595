import type { PrismaClient } from '../generated/sqlite/client.ts';

/** Whether the database answers: what `/healthz` asks, without handing anyone the client. */
export const createHealthRepository = (prisma: PrismaClient) => ({
  /** Resolves when the database answers one trivial query; rejects with the driver's error otherwise. */
  async ping(): Promise<void> {
    await prisma.$queryRaw`SELECT 1`;
  },
});
