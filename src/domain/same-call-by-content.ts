/**
 * Whether a call stored with the same content is this call. The content hash is taken over the
 * redacted turns, so two calls that differ only in the customer's details hash the same: when both
 * have an external id and the ids differ, the platform says they are two calls, and they are.
 */
export const sameCallByContent = (externalId: string | null | undefined, stored: { externalId: string | null }): boolean =>
  !externalId || !stored.externalId || stored.externalId === externalId;
