import type { ErasureCounts, RetentionRunRecord } from '../domain/stored-records.ts';
import type { RetentionRepository } from './ports.ts';

const DAY_MS = 86_400_000;

export interface RetentionDeps {
  retention: RetentionRepository;
  /** When the run finished, for its row. */
  now: () => Date;
}

export interface RetentionInput {
  /** `retention.callDays` from the config; undefined = retention is off. */
  callDays: number | undefined;
  /** The instant of the run: its UTC day is the run's key, and the cutoff is `callDays` days before it. */
  at: Date;
  /** A claim this old that is not done belongs to a run that died: it may be taken again (`notifications.leaseMinutes`). */
  leaseMinutes: number;
  /** Count what would be erased; claim and erase nothing. */
  dryRun?: boolean;
}

export type RetentionResult =
  | { status: 'off' }
  | { status: 'dry_run'; key: string; cutoff: Date; counts: Pick<ErasureCounts, 'calls' | 'scores' | 'disputes'> }
  /** Another run (this instance earlier, or another instance) has this day's run, or had it. */
  | { status: 'taken'; run: RetentionRunRecord }
  | { status: 'done'; key: string; cutoff: Date; counts: ErasureCounts };

/** The run's key: the UTC day of `at` ("2026-12-05"). */
export const retentionKey = (at: Date): string => at.toISOString().slice(0, 10);

/** Calls dated before this instant are erased: `callDays` whole days of 24 hours before the run. */
export const retentionCutoff = (at: Date, callDays: number): Date => new Date(at.getTime() - callDays * DAY_MS);

/**
 * The day's retention (issue 18): when `retention.callDays` is set, claim the UTC day's run (one instance
 * of any number gets it), erase every call dated before the cutoff with what it owns, and mark the run
 * done; a failure marks it failed (a later trigger the same day takes it again) and is rethrown.
 */
export const runRetention = async (deps: RetentionDeps, input: RetentionInput): Promise<RetentionResult> => {
  if (input.callDays === undefined) return { status: 'off' };
  const key = retentionKey(input.at);
  const cutoff = retentionCutoff(input.at, input.callDays);
  if (input.dryRun) return { status: 'dry_run', key, cutoff, counts: await deps.retention.countOlderThan(cutoff) };
  const claim = await deps.retention.claim({
    key,
    cutoff,
    at: input.at,
    staleBefore: new Date(input.at.getTime() - input.leaseMinutes * 60_000),
  });
  if (!claim.claimed) return { status: 'taken', run: claim.run };
  try {
    const counts = await deps.retention.eraseOlderThan({ key, cutoff, at: input.at });
    await deps.retention.finish(key, deps.now());
    return { status: 'done', key, cutoff, counts };
  } catch (error) {
    await deps.retention.fail(key, error instanceof Error ? error.message : String(error), deps.now()).catch(() => undefined);
    throw error;
  }
};
