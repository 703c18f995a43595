import type { PrismaClient } from '../generated/sqlite/client.ts';
import type { DatabaseProvider } from './database-url.ts';
import type { ErasureCounts } from '../domain/stored-records.ts';

/**
 * Erasure of calls and what they own, in one transaction: the calls (their transcripts, evaluations, scores,
 * exclusions and disputes go with them by cascade), the outbox messages that mention them, an agent's
 * readiness decisions and own entry when the agent is erased, and one audit row with the counts, the kind, who and when.
 * On SQLite the file is then compacted so the removed text is gone from its bytes.
 */
export const createErasureRepository = (prisma: PrismaClient, provider: DatabaseProvider) => ({
  async erase(input: {
    kind: 'agent' | 'call' | 'retention';
    callIds: readonly string[];
    agentId: string | null;
    mentions: readonly string[];
    by: string;
    at: Date;
  }): Promise<ErasureCounts> {
    const counts = await prisma.$transaction(async (tx) => {
      const callIds = [...input.callIds];
      const scores = await tx.criterionScore.count({ where: { callId: { in: callIds } } });
      const disputes = await tx.dispute.count({ where: { callId: { in: callIds } } });
      // Outbox messages carry no foreign key: those whose payload names an erased call or the agent go.
      const mentions = input.mentions.filter((mention) => mention.length > 0);
      const messages =
        mentions.length === 0
          ? []
          : (await tx.notification.findMany({ select: { id: true, payload: true, recipient: true } })).filter((message) => {
              const text = `${message.recipient} ${JSON.stringify(message.payload)}`;
              return mentions.some((mention) => text.includes(mention));
            });
      await tx.notification.deleteMany({ where: { id: { in: messages.map((message) => message.id) } } });
      const decisions = input.agentId ? (await tx.readinessDecision.deleteMany({ where: { agentId: input.agentId } })).count : 0;
      const calls = (await tx.call.deleteMany({ where: { id: { in: callIds } } })).count;
      // The agent's own entry goes too (names, email, Slack id, external ids, enrollments by cascade): while the
      // config still lists them, the next `config apply` makes a fresh one, with nothing of the old.
      if (input.agentId) await tx.agent.deleteMany({ where: { id: input.agentId } });
      const found = { calls, scores, messages: messages.length, disputes, decisions };
      await tx.erasure.create({ data: { kind: input.kind, by: input.by, ...found, createdAt: input.at } });
      return found;
    });
    if (provider === 'sqlite') {
      await prisma.$executeRawUnsafe('VACUUM');
      await prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    }
    return counts;
  },
  /** The audit rows, newest first: kind, who, when and counts. */
  async audit(): Promise<
    { kind: string; by: string; createdAt: Date; calls: number; scores: number; messages: number; disputes: number; decisions: number }[]
  > {
    return prisma.erasure.findMany({ orderBy: { createdAt: 'desc' }, omit: { id: true } });
  },
});
