// The public face of the redaction module (src/ingest/redaction/): what the entry points import.
export { redactPii, redactTurns } from './redaction/redact-pii.ts';
export type { RedactionOptions } from './redaction/redact-texts.ts';
export {
  REDACTION_CATEGORIES,
  REDACTION_LABELS,
  REDACTION_PLACEHOLDERS,
  addRedactionCounts,
  describeRedactionCounts,
  emptyRedactionCounts,
  type RedactionCategory,
  type RedactionCounts,
} from './redaction/redaction-categories.ts';
