import { z } from 'zod';

// The JSON body a call platform posts to POST /integrations/calls.

/** An ISO 8601 date, or date-time with a time zone (Z or ±hh:mm): a call time never depends on the server's zone. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i;
const OCCURRED_AT_HINT = 'expected an ISO 8601 date-time with a time zone, e.g. "2026-09-30T14:05:00Z"';

/** The object's own message for a wrong type; unknown fields listed with the accepted ones (a typo is caught, not dropped). */
const objectError =
  (expected: string, fields: readonly string[]) =>
  (issue: z.core.$ZodRawIssue): string | undefined => {
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys?: string[] }).keys ?? [];
      return `unknown field${keys.length === 1 ? '' : 's'} ${keys.map((key) => `"${key}"`).join(', ')}; accepted: ${fields.join(', ')}`;
    }
    if (issue.code === 'invalid_type') return expected;
    return undefined;
  };

const nonBlank = (what: string, max: number) =>
  z
    .string({ error: `expected ${what} as a string` })
    .trim()
    .min(1, { error: `must not be empty: expected ${what}` })
    .max(max, { error: `must be at most ${max} characters` });

const TurnSchema = z
  .strictObject(
    {
      speaker: nonBlank('the speaker\'s name', 200).optional(),
      role: nonBlank('"agent" or "customer" (or a speaker label)', 200).optional(),
      text: z.string({ error: 'expected the spoken words as a string' }),
      start: z
        .union([z.number().finite().nonnegative(), z.string()], { error: 'expected seconds (a number) or a timestamp like "00:01:02.500"' })
        .optional(),
    },
    { error: objectError('expected a turn like {"speaker": "Ana", "text": "Hello"} or {"role": "customer", "text": "Hi"}', ['speaker', 'role', 'text', 'start']) },
  )
  .refine((turn) => turn.speaker !== undefined || turn.role !== undefined, {
    error: 'expected "speaker" (the name) or "role" ("agent" / "customer")',
    path: ['speaker'],
  });

export const IntegrationCallSchema = z
  .strictObject(
    {
      externalId: nonBlank('the call platform\'s id of this call', 200),
      agent: nonBlank('the agent\'s Slack user id, email or external id', 320),
      callType: nonBlank('a call type key or name from the config', 100).optional(),
      kind: z.enum(['live', 'roleplay'], { error: 'expected "live" or "roleplay"' }).optional(),
      occurredAt: z
        .string({ error: OCCURRED_AT_HINT })
        .trim()
        .refine((value) => ISO_DATE_TIME.test(value) && !Number.isNaN(new Date(value).getTime()), { error: OCCURRED_AT_HINT })
        .transform((value) => new Date(value)),
      transcript: z
        .union(
          [
            z.string().refine((value) => value.trim() !== '', { error: 'must not be empty' }),
            z.record(z.string(), z.unknown()),
            z.array(z.unknown()).min(1, { error: 'must not be empty' }),
          ],
          { error: 'expected the transcript as a string (WebVTT, SRT, CSV, "Speaker: text" lines or JSON) or as a call platform\'s JSON export (an object)' },
        )
        .optional(),
      turns: z.array(TurnSchema, { error: 'expected an array of turns' }).min(1, { error: 'must have at least one turn' }).optional(),
      agentSpeaker: nonBlank('the agent\'s speaker label in the transcript', 200).optional(),
    },
    {
      error: objectError('expected a JSON object', ['externalId', 'agent', 'callType', 'kind', 'occurredAt', 'transcript', 'turns', 'agentSpeaker']),
    },
  )
  .superRefine((body, ctx) => {
    if (body.transcript !== undefined && body.turns !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['turns'], message: 'send either "transcript" or "turns", not both' });
    }
    if (body.transcript === undefined && body.turns === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['transcript'],
        message: 'required: send the call as "transcript" (a string in any supported format, or a call platform\'s JSON export as an object) or as "turns" ([{"speaker", "text"}])',
      });
    }
  });
export type IntegrationCall = z.infer<typeof IntegrationCallSchema>;

const formatPath = (path: readonly PropertyKey[]): string =>
  path.length === 0
    ? '(body)'
    : path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc === '' ? String(key) : `${acc}.${String(key)}`), '');

/** Each issue as `path: message` (`turns[2].text: expected the spoken words as a string`). */
export const formatIntegrationIssues = (issues: readonly z.core.$ZodIssue[]): string[] =>
  issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
