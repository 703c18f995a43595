// Student's t distribution: the two-sided critical value a 95% interval of a mean needs. Pure, no
// dependency: the regularized incomplete beta function by its continued fraction (Lentz's method, as in
// Press et al., Numerical Recipes, 3rd ed., §6.4), and bisection on the CDF for the quantile.

const LN_GAMMA_COEFFICIENTS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4, 0.465236289270485756e-4,
  -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3, 0.217439618115212643e-3, -0.16431810653676389e-3,
  0.844182239838527433e-4, -0.261908384015814087e-4, 0.368991826595316234e-5,
];

/** ln Γ(x) for x > 0 (Numerical Recipes' gammln, 14-term Lanczos). */
export const lnGamma = (x: number): number => {
  let y = x;
  const tmp = x + 5.2421875;
  const t = (x + 0.5) * Math.log(tmp) - tmp;
  let series = 0.999999999999997092;
  for (const coefficient of LN_GAMMA_COEFFICIENTS) series += coefficient / ++y;
  return t + Math.log((2.5066282746310005 * series) / x);
};

/** The continued fraction of the incomplete beta function (modified Lentz). */
const betaContinuedFraction = (a: number, b: number, x: number): number => {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m += 1) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
};

/** The regularized incomplete beta function I_x(a, b), 0 ≤ x ≤ 1. */
export const incompleteBeta = (a: number, b: number, x: number): number => {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
};

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df > 0). */
export const studentTCdf = (t: number, df: number): number => {
  const tail = 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t * t));
  return t >= 0 ? 1 - tail : tail;
};

/**
 * The quantile t such that P(T ≤ t) = p, for 0.5 ≤ p < 1 (the upper critical values intervals use), to
 * 1e-10. Bisection: the CDF is monotonic, so this cannot fail to converge.
 */
export const studentTQuantile = (p: number, df: number): number => {
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`degrees of freedom must be a positive number, got ${df}`);
  if (!(p >= 0.5 && p < 1)) throw new RangeError(`p must be at least 0.5 and below 1, got ${p}`);
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let step = 0; step < 200 && high - low > 1e-10; step += 1) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, df) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
};

const CRITICAL_95 = new Map<number, number>();

/** t₀.₉₇₅ with `df` degrees of freedom: the multiplier of the standard error in a two-sided 95% interval. */
export const tCritical95 = (df: number): number => {
  const cached = CRITICAL_95.get(df);
  if (cached !== undefined) return cached;
  const value = studentTQuantile(0.975, df);
  CRITICAL_95.set(df, value);
  return value;
};
