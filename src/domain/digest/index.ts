// The weekly team digest as pure figures: the period, what the team report says about the week, and
// who gets which copy. The use case loads and delivers; the Block Kit builders render.

export type * from './types.ts';
export { buildDigestFigures, type BuildDigestFiguresInput, type DigestCall } from './build-digest-figures.ts';
export { coachingAction } from './coaching-action.ts';
export { digestPeriod, digestRunKey } from './digest-period.ts';
export { planDigestDeliveries, type DigestDelivery } from './plan-digest-deliveries.ts';
