import { z } from 'zod';
import { FRUSTRATION_LEVELS, ROLES } from '../domain/types.ts';

/**
 * The structured answer asked of the LLM, built per request so the model can only name the criteria and
 * call types it was given. Strict-mode compatible: every field required (nullable instead of optional),
 * no `oneOf`, no formats.
 */
export const buildScoringOutputSchema = (criterionKeys: readonly string[], callTypeKeys: readonly string[]) => {
  const key = criterionKeys.length > 0 ? z.enum(criterionKeys as [string, ...string[]]) : z.string();
  const callType = callTypeKeys.length > 0 ? z.enum(callTypeKeys as [string, ...string[]]) : z.string();
  return z.object({
    criteria: z.array(
      z.object({
        key,
        applicable: z.boolean(),
        notApplicableReason: z.string().nullable(),
        level: z.number().int().min(1).max(5).nullable(),
        evidence: z.array(z.object({ turn: z.number().int(), role: z.enum(ROLES), quote: z.string() })),
        rationale: z.string(),
      }),
    ),
    frustration: z.enum(FRUSTRATION_LEVELS),
    callType: callType.nullable(),
    summary: z.string(),
  });
};

export type ScoringOutput = z.infer<ReturnType<typeof buildScoringOutputSchema>>;

/** The name the schema is sent under (`response_format.json_schema.name`). */
export const SCORING_OUTPUT_NAME = 'call_score';
