import { validateDetailed as validateCron } from 'node-cron';
import { z } from 'zod';
import { DEFAULT_CALL_TYPES, DEFAULT_CRITERIA } from './default-rubric.ts';
import { checkConfigReferences } from './check-config-references.ts';
import { CRITERION_ABOUT } from '../domain/types.ts';
import { SLACK_USER_ID } from '../domain/access/slack-mention.ts';

// The floorready config file (YAML, camelCase keys). Field rules live here; rules that span
// several parts of the file (unique keys, weights summing to 100, references) are in
// check-config-references.ts so that they are reported together with the field errors.

const SNAKE_KEY = /^[a-z][a-z0-9_]*$/;
const SLUG_KEY = /^[a-z0-9][a-z0-9_-]*$/;
const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
const SLACK_CHANNEL_NAME = /^#[a-z0-9][a-z0-9_-]{0,79}$/;

const quote = (value: unknown): string => JSON.stringify(value) ?? String(value);

const text = z.string().trim().min(1, { error: 'must not be empty' });

const snakeKey = z.string().regex(SNAKE_KEY, {
  error: (issue) => `must be snake_case (lower-case letters, digits and _; e.g. "active_listening"), got ${quote(issue.input)}`,
});

const slugKey = z.string().regex(SLUG_KEY, {
  error: (issue) => `must be lower-case letters, digits, "-" or "_" (e.g. "northside", "empathy-2026"), got ${quote(issue.input)}`,
});

const slackUserId = z.string().regex(SLACK_USER_ID, {
  error: (issue) => `invalid Slack user id ${quote(issue.input)} (it starts with U or W, e.g. "U0123ABCD")`,
});

const slackChannelId = z.string().regex(SLACK_CHANNEL_ID, {
  error: (issue) =>
    `invalid Slack channel id ${quote(issue.input)} (it starts with C or G, e.g. "C0123ABCD"; in Slack: channel details → About)`,
});

const email = z.email({ error: (issue) => `invalid email ${quote(issue.input)}` });

const isoDate = z.iso.date({ error: (issue) => `must be a date as YYYY-MM-DD (e.g. "2026-08-03"), got ${quote(issue.input)}` });

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const score = z.number().min(0).max(100);
const count = (min: number, max: number) => z.number().int().min(min).max(max);

/** A node-cron expression, refused with node-cron's own reasons and an example. */
const cronExpression = (example: string) =>
  z.string().superRefine((expression, ctx) => {
    const result = validateCron(expression);
    if (result.valid) return;
    const why = result.errors.map((error) => error.message).join('; ');
    ctx.addIssue({ code: 'custom', message: `invalid cron expression ${quote(expression)}${why ? ` (${why})` : ''}; ${example}` });
  });

// ── rubric ──────────────────────────────────────────────────────────────────────────────────────

export const CriterionLevelsSchema = z.partialRecord(z.enum(['1', '2', '3', '4', '5']), text);

export const CriterionConfigSchema = z.strictObject({
  key: snakeKey,
  name: text,
  weight: z.number().gt(0),
  description: text,
  exemplary: text,
  deficient: text,
  levels: CriterionLevelsSchema.optional(),
  callTypes: z.array(snakeKey).optional(),
  /** Whose behaviour it judges, so which turns its evidence may quote: agent (default), customer, or call (either). */
  about: z
    .enum(CRITERION_ABOUT, {
      error: (issue) => `must be one of agent, customer or call (whose turns back the criterion), got ${quote(issue.input)}`,
    })
    .optional(),
});
export type CriterionConfig = z.infer<typeof CriterionConfigSchema>;

export const RubricConfigSchema = z
  .strictObject({
    criteria: z
      .array(CriterionConfigSchema)
      .min(1, { error: 'needs at least one criterion' })
      .prefault(() => DEFAULT_CRITERIA.map((criterion) => ({ ...criterion }))),
  })
  .prefault({});
export type RubricConfig = z.infer<typeof RubricConfigSchema>;

export const CallTypeConfigSchema = z.strictObject({
  key: snakeKey,
  name: text,
  description: text.optional(),
});
export type CallTypeConfig = z.infer<typeof CallTypeConfigSchema>;

// ── teams ───────────────────────────────────────────────────────────────────────────────────────

export const ManagerConfigSchema = z
  .strictObject({
    name: text,
    slack: slackUserId.optional(),
    email: email.optional(),
    /**
     * This manager is also listed as an agent (any team), with the same Slack id and email: the one way
     * one person may hold both roles. Without it, a Slack id, email or external id shared by two entries is refused.
     */
    alsoAgent: z.boolean().optional(),
  })
  .refine((manager) => manager.slack !== undefined || manager.email !== undefined, {
    error: 'a manager needs a slack user id or an email (or both)',
  });
export type ManagerConfig = z.infer<typeof ManagerConfigSchema>;

export const AgentConfigSchema = z
  .strictObject({
    name: text,
    slack: slackUserId.optional(),
    email: email.optional(),
    /** Ids the call platform uses for this agent (used for idempotent ingest and matching). */
    externalIds: z.array(text).default([]),
    /** Other names the agent is heard by in transcripts (nicknames, first name only, …). */
    aliases: z.array(text).default([]),
  })
  .refine((agent) => agent.slack !== undefined || agent.email !== undefined, {
    error: 'an agent needs a slack user id or an email (or both)',
  });
export type AgentConfig = z.infer<typeof AgentConfigSchema>;

export const TeamConfigSchema = z.strictObject({
  key: slugKey,
  name: text,
  digestChannel: z
    .string()
    .refine((v) => SLACK_CHANNEL_ID.test(v) || SLACK_CHANNEL_NAME.test(v), {
      error: (issue) => `must be a Slack channel id (e.g. "C0123ABCD") or a "#channel-name", got ${quote(issue.input)}`,
    })
    .optional(),
  timeZone: z
    .string()
    .refine(isTimeZone, {
      error: (issue) => `unknown time zone ${quote(issue.input)} (use an IANA name, e.g. "America/Chicago", "Europe/London" or "UTC")`,
    })
    .default('UTC'),
  digest: z
    .strictObject({
      cron: cronExpression(`e.g. "0 9 * * MON" is Mondays at 09:00 in the team's time zone`).default('0 9 * * MON'),
    })
    .prefault({}),
  managers: z.array(ManagerConfigSchema).default([]),
  agents: z.array(AgentConfigSchema).default([]),
  /**
   * The company's name as its agents say it ("Northside"), or several ("Northside", "Northside Energy"): an
   * opening with it, or "Ana from Northside", tells the agent apart in a transcript without role labels.
   */
  company: z.union([text, z.array(text).min(1, { error: 'list at least one name, or leave company out' })]).optional(),
  /** Greetings this team's agents open with, beside the usual ones ("thank you for calling", "how can I help"). */
  greetings: z.array(text).default([]),
});
export type TeamConfig = z.infer<typeof TeamConfigSchema>;

// ── programs ────────────────────────────────────────────────────────────────────────────────────

export const ProgramConfigSchema = z.strictObject({
  key: slugKey,
  name: text,
  /** Enrolled agents by slack id, email or external id. */
  agents: z.array(text).default([]),
  /** Enrolled teams by key: all their agents. */
  teams: z.array(slugKey).default([]),
  targetedCriteria: z.array(snakeKey).min(1, { error: 'name at least one rubric criterion key the program targets' }),
  startsAt: isoDate,
  completesAt: isoDate,
  /**
   * `none`: the program's agents are new hires with no pre-training calls. No baseline delta is shown or
   * used; roleplay before the first live call serves as a labelled practice baseline. Default `pre_training`.
   */
  baseline: z
    .enum(['pre_training', 'none'], {
      error: (issue) => `must be "pre_training" (calls before startsAt) or "none" (new hires), got ${quote(issue.input)}`,
    })
    .default('pre_training'),
});
export type ProgramConfig = z.infer<typeof ProgramConfigSchema>;

// ── thresholds, scoring, ingest ─────────────────────────────────────────────────────────────────

export const ThresholdsConfigSchema = z
  .strictObject({
    readiness: z
      .strictObject({
        /** Overall score (0–100) each of the last batches must reach. */
        overall: score.default(75),
        /** Per-criterion overrides by rubric key; a criterion not listed uses `overall`. */
        criteria: z.record(z.string(), score).default({}),
      })
      .prefault({}),
    baseline: z
      .strictObject({
        minCalls: count(1, 1000).default(20),
        maxCalls: count(1, 1000).default(30),
      })
      .prefault({}),
    batch: z
      .strictObject({
        periodDays: count(1, 365).default(14),
        minCalls: count(1, 1000).default(15),
        required: count(1, 12).default(2),
      })
      .prefault({}),
    rules: z
      .strictObject({
        unchangedBand: score.default(5),
        improvedBy: score.gt(0).default(5),
        droppedBy: score.gt(0).default(5),
        dropAfterDays: count(0, 365).default(14),
        callTypeSpread: score.gt(0).default(15),
        minCallsPerGroup: count(1, 1000).default(5),
        roleplayGap: score.gt(0).default(15),
        teamShareBelow: z.number().gt(0).max(1).default(0.5),
        /** Fewer agents with post-training batches than this is no team: each agent below is coached. */
        teamMinAgents: count(1, 1000).default(3),
      })
      .prefault({}),
    /**
     * Agreement the scorer must show with this team's human reviewers before any status becomes
     * `ready` (until then: "ready, pending calibration"). Unset = no gate.
     */
    calibration: z
      .strictObject({
        /** Quadratic weighted kappa every criterion must reach. */
        minKappa: z.number().min(-1).max(1).optional(),
        /** Calls with both an AI and a human score every criterion needs. */
        minCalls: count(1, 100_000).optional(),
      })
      .prefault({}),
    /** How many AI/human pairs an agreement figure needs: a kappa at all, and a Landis–Koch band. */
    agreement: z
      .strictObject({
        minPairs: count(2, 100_000).default(10),
        minPairsForBand: count(2, 100_000).default(20),
      })
      .prefault({}),
    /** READY needs each deciding batch's 95% lower bound at or above the threshold, not only its mean. */
    requireMargin: z.boolean().default(false),
    /** Before an agent has the required batches, a live call below these tells the managers (by DM). */
    earlyWarning: z
      .strictObject({
        /** Overall score (0–100) below which a call is an early warning. */
        overall: score.default(40),
        /** A criterion at this level (1–5) or below makes the call an early warning. */
        level: count(1, 5).default(1),
      })
      .prefault({}),
  })
  .prefault({});
export type ThresholdsConfig = z.infer<typeof ThresholdsConfigSchema>;

export const ScoringConfigSchema = z
  .strictObject({
    concurrency: count(1, 64).default(4),
    maxAttempts: count(1, 20).default(5),
    leaseSeconds: count(10, 86_400).default(300),
    /** First wait before a failed attempt is tried again; doubles with every attempt, capped at 60 s (or this, if longer). */
    retryBackoffSeconds: z.number().min(0).max(600).default(2),
    price: z
      .strictObject({
        /** USD per 1,000 prompt tokens. */
        promptPer1k: z.number().min(0).default(0),
        /** USD per 1,000 completion tokens. */
        completionPer1k: z.number().min(0).default(0),
      })
      .prefault({}),
    promptCaching: z.boolean().default(false),
    /**
     * How many times the LLM scores each call; the median level per criterion is kept, and a criterion
     * whose samples disagree by more than one level is low-confidence. Costs N requests per call.
     */
    samples: count(1, 9).default(1),
  })
  .prefault({});
export type ScoringConfig = z.infer<typeof ScoringConfigSchema>;

/** How long a `notify` run's claim on an outbox message holds before a later run may send it instead (its run died). */
export const DEFAULT_NOTIFICATION_LEASE_MINUTES = 10;

/** The app runs its notifications after scored calls at most this often (it folds the calls between into one run). */
export const DEFAULT_NOTIFICATION_MIN_INTERVAL_SECONDS = 30;

export const NotificationsConfigSchema = z
  .strictObject({
    leaseMinutes: count(1, 1440).default(DEFAULT_NOTIFICATION_LEASE_MINUTES),
    minIntervalSeconds: count(1, 3600).default(DEFAULT_NOTIFICATION_MIN_INTERVAL_SECONDS),
  })
  .prefault({});
export type NotificationsConfig = z.infer<typeof NotificationsConfigSchema>;

/** Days after scoring an agent may dispute a score, and an open dispute waits for a manager (issue 19). */
export const DEFAULT_DISPUTE_WINDOW_DAYS = 14;

export const DisputesConfigSchema = z
  .strictObject({
    windowDays: count(1, 365).default(DEFAULT_DISPUTE_WINDOW_DAYS),
  })
  .prefault({});
export type DisputesConfig = z.infer<typeof DisputesConfigSchema>;

/**
 * Retention (issue 18): calls older than `callDays` (by the call's date) are erased, with their transcripts,
 * scores, disputes and the texts of the messages about them; off when `callDays` is left out. The app runs it
 * daily at `cron` (UTC) and at start-up, once per UTC day however many instances run (RetentionRun).
 */
export const RetentionConfigSchema = z
  .strictObject({
    callDays: count(1, 36_500).optional(),
    cron: cronExpression('e.g. "30 2 * * *" is every day at 02:30 UTC').default('30 2 * * *'),
  })
  .prefault({});
export type RetentionConfig = z.infer<typeof RetentionConfigSchema>;

export const IngestConfigSchema = z
  .strictObject({
    maxBytes: count(1024, 52_428_800).default(2_097_152),
    channels: z.array(slackChannelId).default([]),
  })
  .prefault({});
export type IngestConfig = z.infer<typeof IngestConfigSchema>;

// ── the file ────────────────────────────────────────────────────────────────────────────────────

export const ConfigSchema = z
  .strictObject({
    rubric: RubricConfigSchema,
    callTypes: z
      .array(CallTypeConfigSchema)
      .min(1, { error: 'needs at least one call type' })
      .prefault(() => DEFAULT_CALL_TYPES.map((callType) => ({ ...callType }))),
    teams: z.array(TeamConfigSchema).default([]),
    programs: z.array(ProgramConfigSchema).default([]),
    thresholds: ThresholdsConfigSchema,
    scoring: ScoringConfigSchema,
    notifications: NotificationsConfigSchema,
    disputes: DisputesConfigSchema,
    ingest: IngestConfigSchema,
    retention: RetentionConfigSchema,
  })
  // Runs even when some field is malformed, so cross-references are reported with the field errors.
  .superRefine((config, ctx) => checkConfigReferences(config as unknown, ctx), { when: () => true });
export type Config = z.infer<typeof ConfigSchema>;
