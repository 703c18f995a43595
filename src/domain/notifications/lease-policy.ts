/** How long a claim holds, and how many attempts a notification gets. */
export interface ReclaimPolicy {
  maxAttempts: number;
  /** A `pending` row claimed before this instant is abandoned: its run died mid-send. */
  staleBefore: Date;
}

/** The policy of a run at `at`: a claim older than `leaseMinutes` is abandoned; `maxAttempts` in all. */
export const leasePolicy = (at: Date, leaseMinutes: number, maxAttempts: number): ReclaimPolicy => ({
  maxAttempts,
  staleBefore: new Date(at.getTime() - leaseMinutes * 60_000),
});
