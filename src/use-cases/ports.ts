import type { CallRepository } from '../db/call-repository.ts';
import type { DirectoryRepository } from '../db/directory-repository.ts';
import type { DisputeRepository } from '../db/dispute-repository.ts';
import type { ErasureRepository } from '../db/erasure-repository.ts';
import type { HealthRepository } from '../db/health-repository.ts';
import type { OutboxRepository } from '../db/outbox-repository.ts';
import type { ReadinessRepository } from '../db/readiness-repository.ts';
import type { RetentionRepository } from '../db/retention-repository.ts';
import type { ScoreRepository } from '../db/score-repository.ts';
import type { StoredTextRepository } from '../db/stored-text-repository.ts';

/**
 * What the use cases ask of the world: the repositories and the clock. Each use case takes the part it
 * needs (`Pick<Repositories, 'calls' | 'now'>`); the composition root (`services.ts`) builds them from
 * the database and passes them down, so use cases never import it (no cycle between the layers).
 */
export interface Repositories {
  calls: CallRepository;
  scores: ScoreRepository;
  directory: DirectoryRepository;
  readiness: ReadinessRepository;
  outbox: OutboxRepository;
  disputes: DisputeRepository;
  /** `forget agent` / `forget call`: erasure with its audit row. */
  erasure: ErasureRepository;
  /** `retention`: old calls erased once a day. */
  retention: RetentionRepository;
  /** `redact`: every stored text, read and rewritten. */
  texts: StoredTextRepository;
  /** Whether the database answers (`/healthz`). */
  health: HealthRepository;
  now: () => Date;
}
