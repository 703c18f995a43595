import type { CloseWeights } from './read-customer-close.ts';

/**
 * The fitted weights of the customer-close model (read-customer-close.ts): ridge regression of the raters'
 * mean of task accomplishment and satisfaction on the closing features, over the 729 dialogues of the
 * NTCIR-14 STC-3 Dialogue Quality development split (annotations CC BY 4.0: Zeng, Luo, Shang, Li and
 * Sakai, "Test Collections and Measures for Evaluating Customer-Helpdesk Dialogues", EVIA 2017).
 * Refit and print them with `npm run bench:validity -- --fit`; see docs/decisions/0012-embedded-scorer-by-intent.md.
 */
export const CUSTOMER_CLOSE_WEIGHTS: CloseWeights = {
  intercept: -0.035,
  weights: { thanks: 0.691, accepts: 0.326, complaints: -0.064, asks: -0.172, length: -0.071, sentiment: 0.214, frustration: -0.055 },
};
