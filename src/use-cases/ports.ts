import type { CallRepository } from '../db/call-repository.ts';
import type { DirectoryRepository } from '../db/directory-repository.ts';
import type { DisputeRepository } from '../db/dispute-repository.ts';
import type { OutboxRepository } from '../db/outbox-repository.ts';
import type { ReadinessRepository } from '../db/readiness-repository.ts';
import type { ScoreRepository } from '../db/score-repository.ts';

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
  now: () => Date;
}
