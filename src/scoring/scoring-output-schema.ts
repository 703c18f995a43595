import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { FRUSTRATION_LEVELS } from '../domain/types.ts';

/**
 * One criterion's answer, in the order the model writes it: the quotes first, then the reasoning from
 * them, then the level (judging after quoting). `level` null = the call gave the behaviour no occasion.
 * Quotes are bare strings: evidence verification finds the turn each comes from (a turn number per quote
 * would cost ~25 schema tokens on every call and prove nothing the verification does not).
 */
export const CriterionAnswerSchema = z.object({
  evidence: z.array(z.string()),
  rationale: z.string(),
  level: z.number().int().min(1).max(5).nullable(),
});
export type CriterionAnswer = z.infer<typeof CriterionAnswerSchema>;

export interface ScoringOutput {
  /** Only when the call type was not given: one of the configured keys. */
  callType?: string;
  frustration: (typeof FRUSTRATION_LEVELS)[number];
  /** One answer per criterion key sent, no more, no fewer. */
  criteria: Record<string, CriterionAnswer>;
  summary: string;
}

/** The name the schema is sent under (`response_format.json_schema.name`). */
export const SCORING_OUTPUT_NAME = 'call_score';

/**
 * The structured answer asked of the LLM, built per rubric and call type: one required property per
 * criterion sent, so with strict structured outputs every schema-valid answer scores every criterion.
 * The criterion shape is sent once (`definitions`) and referenced per key, so the schema costs a few
 * tokens per criterion. `callType` is asked for only when the call type is unknown.
 */
export const buildScoringOutputSchema = (criterionKeys: readonly string[], callTypeKeys: readonly string[] | null) => {
  const criteria = z.strictObject(Object.fromEntries(criterionKeys.map((key) => [key, CriterionAnswerSchema])));
  const common = { frustration: z.enum(FRUSTRATION_LEVELS), criteria, summary: z.string() };
  const schema =
    callTypeKeys === null || callTypeKeys.length === 0
      ? z.strictObject(common)
      : z.strictObject({ callType: z.enum(callTypeKeys as [string, ...string[]]), ...common });
  return schema as unknown as z.ZodType<ScoringOutput>;
};

/** The schema and the `response_format` that sends it (strict json_schema, criterion shape as a definition). */
export const buildScoringResponseFormat = (criterionKeys: readonly string[], callTypeKeys: readonly string[] | null) => {
  const schema = buildScoringOutputSchema(criterionKeys, callTypeKeys);
  const responseFormat = zodResponseFormat(schema, SCORING_OUTPUT_NAME, { schemaDefinitions: { criterion: CriterionAnswerSchema } });
  // The dialect URL tells the provider nothing (strict mode fixes the subset) and costs tokens on every call.
  delete responseFormat.json_schema.schema?.$schema;
  return { schema, responseFormat };
};
