export { quadraticWeightedKappa, kappaUndefinedReason, type KappaUndefinedReason } from './quadratic-weighted-kappa.ts';
export { exactAgreement } from './exact-agreement.ts';
export { withinOneAgreement } from './within-one-agreement.ts';
export { meanAbsoluteDifference } from './mean-absolute-difference.ts';
export { landisKochBand, LANDIS_KOCH_BANDS, type LandisKochBand } from './landis-koch-band.ts';
export {
  buildCalibrationReport,
  ALL_CRITERIA_KEY,
  type CalibrationPair,
  type CalibrationRating,
  type CalibrationReport,
  type CalibrationRow,
} from './build-calibration-report.ts';
export { quadraticWeightedKappaInterval, type KappaInterval } from './quadratic-weighted-kappa.ts';
export { DEFAULT_AGREEMENT_MINIMUMS, type AgreementMinimums } from './build-calibration-report.ts';
export { describeAgreement, kappaShown, type AgreementRow } from './describe-agreement.ts';
