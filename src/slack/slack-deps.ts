import type { CallRepository } from '../use-cases/ports.ts';
import type { Config } from '../config/config-schema.ts';
import type { ReadinessThresholds } from '../domain/readiness/index.ts';
import type { Services } from '../services.ts';
import type { Sender } from '../use-cases/sending/sender.ts';
import type { SlackMessage } from './blocks/limits.ts';
import type { ChartPublisher } from '../use-cases/chart-publisher.ts';
import type { webApi } from '@slack/bolt';
import type { RichFallback } from './slack-sender.ts';
import type { ScorecardPool } from './scorecard-pool.ts';

/** What the Slack listeners need, built once by the composition root and passed down. */
export interface SlackDeps {
  /** Repositories and the clock the use cases take. */
  services: Services;
  /** The database the scorecard worker thread opens read-only for `/readiness` answers (ADR 0042). */
  databaseUrl: string;
  /** The config's `thresholds` block. */
  thresholds: ReadinessThresholds;
  /** The config's `disputes` block (default 14 days). */
  disputes?: Pick<Config['disputes'], 'windowDays'>;
  /** Asks the outbox to run at once (a dispute's DMs must arrive within a minute): the notification loop's runNow. */
  onDisputeChange?: () => void;
  /** The config's `notifications` block: its lease is the one sender's (default 10 minutes). */
  notifications?: Pick<Config['notifications'], 'leaseMinutes'>;
  /** Transcripts posted in Slack: the config's `ingest` block and where calls are stored. Absent = not read. */
  ingest?: {
    channels: readonly string[];
    maxBytes: number;
    calls: CallRepository;
    /** The only origins a posted file is downloaded from with the bot token: the Slack environment's `fileOrigins` (ADR 0026). */
    fileOrigins: readonly string[];
    /** The zone a message's zone-less date is read in, by the agent it names (the agent's team's); default UTC. */
    timeZoneOf?: (agentRef: string) => string | null;
  };
  /** Draws and uploads trend charts with a client (the Home tab and the digest show them); absent: no charts. */
  charts?: (client: webApi.WebClient) => ChartPublisher;
  /** How messages whose table or image blocks Slack refuses fall back to text; absent: a stderr log per process. */
  richFallback?: RichFallback;
}

/** The listeners' deps: the app's deps, the one sender (built on the app's Web API client) and the scorecard worker. */
export interface ListenerDeps extends SlackDeps {
  sender: Sender<SlackMessage>;
  /** The worker thread that builds `/readiness` answers off the event loop (ADR 0042). */
  scorecards: ScorecardPool;
}
