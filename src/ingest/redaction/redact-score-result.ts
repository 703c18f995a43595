import type { ScoreResult } from '../../domain/types.ts';
import type { RedactionCounts } from './redaction-categories.ts';
import { redactTexts } from './redact-texts.ts';

/**
 * A scorer's answer with every text it wrote redacted: the summary, each rationale and each evidence
 * quote (read as the role that said it). The transcript the scorer read was redacted already; this
 * keeps a value the model made up, or quoted from elsewhere, out of storage too.
 */
export const redactScoreResult = (result: ScoreResult): { result: ScoreResult; counts: RedactionCounts } => {
  const texts = [
    { text: result.summary, role: null },
    ...result.criteria.flatMap((criterion) => [
      { text: criterion.rationale, role: null },
      ...criterion.evidence.map((evidence) => ({ text: evidence.quote, role: evidence.role })),
    ]),
  ];
  const { texts: redacted, counts } = redactTexts(texts);
  let next = 1;
  const take = (): string => redacted[next++] ?? '';
  return {
    result: {
      ...result,
      summary: redacted[0] ?? '',
      criteria: result.criteria.map((criterion) => ({
        ...criterion,
        rationale: take(),
        evidence: criterion.evidence.map((evidence) => ({ ...evidence, quote: take() })),
      })),
    },
    counts,
  };
};
