import { z } from 'zod';

import { instantHint, readInstant, type ParsedInstant } from '../domain/dates/instant.ts';

// The JSON body a call platform posts to POST /integrations/calls.

export interface IntegrationCallSchemaOptions {
  /** The zone a zone-less `occurredAt` is read in, by the body's agent: the agent's team's (ADR 0024). */
  timeZoneOf: (agent: string) => string | null;
  now?: () => Date;
}

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
      speaker: nonBlank("the speaker's name", 200).optional(),
      role: nonBlank('"agent" or "customer" (or a speaker label)', 200).optional(),
      text: z.string({ error: 'expected the spoken words as a string' }),
      start: z
        .union([z.number().finite().nonnegative(), z.string()], { error: 'expected seconds (a number) or a timestamp like "00:01:02.500"' })
        .optional(),
    },
    {
      error: objectError('expected a turn like {"speaker": "Ana", "text": "Hello"} or {"role": "customer", "text": "Hi"}', [
        'speaker',
        'role',
        'text',
        'start',
      ]),
    },
  )
  .refine((turn) => turn.speaker !== undefined || turn.role !== undefined, {
    error: 'expected "speaker" (the name) or "role" ("agent" / "customer")',
    path: ['speaker'],
  });

/**
 * The body's schema. `occurredAt` is read by the one date parser (src/domain/dates/instant.ts), in the
 * time zone of the agent's team when it has no zone; an impossible date or a year outside 1970 to next
 * year is a 400 saying so.
 */
export const integrationCallSchema = (options: IntegrationCallSchemaOptions) =>
  z
    .strictObject(
      {
        externalId: nonBlank("the call platform's id of this call", 200),
        // Optional: without it, the agent is found in the call as a folder import finds it (issue 18).
        agent: nonBlank("the agent's Slack user id, email or external id", 320).optional(),
        callType: nonBlank('a call type key or name from the config', 100).optional(),
        kind: z.enum(['live', 'roleplay'], { error: 'expected "live" or "roleplay"' }).optional(),
        // Optional: without it, the export's own date, else the time the call was received.
        occurredAt: z.string({ error: `expected a date as a string; ${instantHint(null)}` }).optional(),
        transcript: z
          .union(
            [
              z.string().refine((value) => value.trim() !== '', { error: 'must not be empty' }),
              z.record(z.string(), z.unknown()),
              z.array(z.unknown()).min(1, { error: 'must not be empty' }),
            ],
            {
              error:
                'expected the transcript as a string (WebVTT, SRT, CSV, "Speaker: text" lines or JSON) or as a call platform\'s JSON export (an object)',
            },
          )
          .optional(),
        turns: z.array(TurnSchema, { error: 'expected an array of turns' }).min(1, { error: 'must have at least one turn' }).optional(),
        agentSpeaker: nonBlank("the agent's speaker label in the transcript", 200).optional(),
      },
      {
        error: objectError('expected a JSON object', [
          'externalId',
          'agent',
          'callType',
          'kind',
          'occurredAt',
          'transcript',
          'turns',
          'agentSpeaker',
        ]),
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
          message:
            'required: send the call as "transcript" (a string in any supported format, or a call platform\'s JSON export as an object) or as "turns" ([{"speaker", "text"}])',
        });
      }
    })
    // Read in the agent's team's zone, so after the agent is known; listed with every other problem of the body.
    .superRefine(
      (body, ctx) => {
        const parsed = readOccurredAt(body, options);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: parsed.problem });
      },
      { when: (payload) => typeof (payload.value as { occurredAt?: unknown } | null)?.occurredAt === 'string' },
    )
    .transform((body, ctx) => {
      if (body.occurredAt === undefined) return { ...body, occurredAt: undefined };
      const parsed = readOccurredAt(body, options);
      if (parsed.ok) return { ...body, occurredAt: parsed.date };
      ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: parsed.problem });
      return z.NEVER;
    });
export type IntegrationCall = z.output<ReturnType<typeof integrationCallSchema>>;

const readOccurredAt = (body: { agent?: unknown; occurredAt?: unknown }, options: IntegrationCallSchemaOptions): ParsedInstant =>
  readInstant(String(body.occurredAt), {
    timeZone: options.timeZoneOf(typeof body.agent === 'string' ? body.agent.trim() : ''),
    ...(options.now ? { now: options.now } : {}),
  });

const formatPath = (path: readonly PropertyKey[]): string =>
  path.length === 0
    ? '(body)'
    : path.reduce<string>(
        (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc === '' ? String(key) : `${acc}.${String(key)}`),
        '',
      );

/** Each issue as `path: message` (`turns[2].text: expected the spoken words as a string`). */
export const formatIntegrationIssues = (issues: readonly z.core.$ZodIssue[]): string[] =>
  issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
