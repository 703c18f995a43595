import type { Env } from './config/env.ts';
import type { Config } from './config/config-schema.ts';
import type { Database } from './db/client.ts';
import { createCallRepository } from './db/call-repository.ts';
import { createDirectoryRepository } from './db/directory-repository.ts';
import { createDisputeRepository } from './db/dispute-repository.ts';
import { createErasureRepository } from './db/erasure-repository.ts';
import { createHealthRepository } from './db/health-repository.ts';
import { createOutboxRepository } from './db/outbox-repository.ts';
import { createReadinessRepository } from './db/readiness-repository.ts';
import { createRetentionRepository } from './db/retention-repository.ts';
import { createScoreRepository } from './db/score-repository.ts';
import { createStoredTextRepository } from './db/stored-text-repository.ts';
import type { Scorer } from './domain/types.ts';
import type { Repositories } from './use-cases/ports.ts';
import type { ScoringSettings } from './use-cases/score-calls.ts';

/**
 * Everything the use cases need, built once by an entry point (CLI, app, demo) and passed down. It holds
 * repositories, never the database client: whoever opened the database closes it (test/architecture checks
 * that only src/db and the composition roots touch the client).
 */
export interface Services extends Repositories {
  scorer: Scorer;
  sleep: (ms: number) => Promise<void>;
}

/**
 * The LLM scorer when an endpoint is configured, else the embedded offline scorer. Its module (the
 * OpenAI SDK, or the embedded scorer's rules) is imported here, so only what scores loads it.
 * `scoring.samples` applies to the LLM.
 */
export const loadScorer = async (llm: Env['llm'], scoring: Pick<Config['scoring'], 'samples'>): Promise<Scorer> =>
  llm
    ? (await import('./scoring/llm-scorer.ts')).createLlmScorer({
        ...(llm.baseURL === undefined ? {} : { baseURL: llm.baseURL }),
        apiKey: llm.apiKey,
        model: llm.model,
        timeoutMs: llm.timeoutMs,
        maxRetries: llm.maxRetries,
        samples: scoring.samples,
      })
    : (await import('./scoring/embedded-scorer.ts')).createEmbeddedScorer();

export const createServices = (db: Database, options: { scorer: Scorer; now?: () => Date }): Services => ({
  calls: createCallRepository(db.prisma),
  scores: createScoreRepository(db.prisma),
  directory: createDirectoryRepository(db.prisma),
  readiness: createReadinessRepository(db.prisma, db.provider, db.rows),
  outbox: createOutboxRepository(db.prisma),
  disputes: createDisputeRepository(db.prisma),
  erasure: createErasureRepository(db.prisma, db.provider),
  retention: createRetentionRepository(db.prisma, db.provider),
  texts: createStoredTextRepository(db.prisma, db.provider),
  health: createHealthRepository(db.prisma),
  scorer: options.scorer,
  now: options.now ?? (() => new Date()),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

export const scoringSettings = (config: Config, overrides: Partial<ScoringSettings> = {}): ScoringSettings => ({
  concurrency: config.scoring.concurrency,
  maxAttempts: config.scoring.maxAttempts,
  leaseMs: config.scoring.leaseSeconds * 1000,
  backoffMs: Math.round(config.scoring.retryBackoffSeconds * 1000),
  maxBackoffMs: Math.max(60_000, Math.round(config.scoring.retryBackoffSeconds * 1000)),
  price: { promptPer1k: config.scoring.price.promptPer1k, completionPer1k: config.scoring.price.completionPer1k },
  ...overrides,
});
