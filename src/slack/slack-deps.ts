import type { CallRepository } from '../db/call-repository.ts';
import type { OutboxRepository } from '../db/outbox-repository.ts';
import type { ReadinessThresholds } from '../domain/readiness/index.ts';
import type { ReadinessDeps } from '../use-cases/build-readiness-report.ts';

/** What the Slack listeners need, built once by the composition root and passed down. */
export interface SlackDeps {
  /** Repositories and the clock the readiness use cases take. */
  services: ReadinessDeps;
  /** The config's `thresholds` block. */
  thresholds: ReadinessThresholds;
  /** Transcripts posted in Slack: the config's `ingest` block, where calls are stored, and the outbox that keeps each thread reply to one. Absent = not read. */
  ingest?: {
    channels: readonly string[];
    maxBytes: number;
    calls: CallRepository;
    outbox: OutboxRepository;
    /** The only origins a posted file is downloaded from with the bot token: the Slack environment's `fileOrigins` (ADR 0026). */
    fileOrigins: readonly string[];
  };
}
