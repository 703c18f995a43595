import type { Turn } from '../domain/types.ts';

/**
 * Placeholders call platforms write where they removed personal data: `[PII]` (Amazon Contact Lens and
 * Transcribe), or the entity type in capitals (`[NAME]`, `[ADDRESS]`, `[CREDIT_DEBIT_NUMBER]` …).
 */
const PLATFORM_PLACEHOLDER =
  /\[(?:PII|NAME|ADDRESS|EMAIL|PHONE|SSN|PIN|BANK_ACCOUNT_NUMBER|BANK_ROUTING|CREDIT_DEBIT_NUMBER|CREDIT_DEBIT_CVV|CREDIT_DEBIT_EXPIRY|REDACTED)\]/g;

/** How many redaction placeholders the platform had already put in the turns (kept as they are). */
export const countPlatformRedactions = (turns: readonly Turn[]): number =>
  turns.reduce((sum, turn) => sum + (turn.text.match(PLATFORM_PLACEHOLDER)?.length ?? 0), 0);
