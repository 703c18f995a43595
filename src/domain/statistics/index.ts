export { incompleteBeta, lnGamma, studentTCdf, studentTQuantile, tCritical95 } from './student-t.ts';
export { callsForMargin, meanAndSd, meanInterval, type MeanInterval } from './mean-interval.ts';
export { scoreConsistency, type ConsistencyOptions, type ScoreConsistency } from './intraclass-correlation.ts';
