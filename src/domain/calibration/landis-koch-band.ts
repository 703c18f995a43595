/** Landis & Koch (1977) words for a kappa. */
export type LandisKochBand = 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost perfect';

export const LANDIS_KOCH_BANDS = ['poor', 'slight', 'fair', 'moderate', 'substantial', 'almost perfect'] as const;

/**
 * < 0 poor · 0–0.20 slight · 0.21–0.40 fair · 0.41–0.60 moderate · 0.61–0.80 substantial · 0.81–1 almost perfect.
 * The published bands leave gaps (0.20..0.21); here each upper bound is inclusive, so 0.205 is fair.
 */
export const landisKochBand = (kappa: number): LandisKochBand => {
  if (Number.isNaN(kappa)) throw new RangeError('kappa is NaN');
  if (kappa < 0) return 'poor';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
};
