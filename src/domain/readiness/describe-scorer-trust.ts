import { describeAgreement } from '../calibration/describe-agreement.ts';
import type { CriterionAgreement, ScorerTrust, ScorerUse } from './types.ts';

// The one sentence every scorecard (CLI, Slack card, App Home, DMs) carries about its scores: which
// scorer produced them, and how well it agrees with this team's human reviewers, or that nobody has
// checked. Pure and plain text: each renderer escapes it for its medium.

/** A scorer in words: "the LLM scorer (gpt-4o-mini)", "the embedded offline scorer" … */
export const scorerLabel = (use: Pick<ScorerUse, 'scorer' | 'model'>): string => {
  switch (use.scorer) {
    case 'llm':
      return `the LLM scorer${use.model ? ` (${use.model})` : ''}`;
    case 'embedded':
      return 'the embedded offline scorer (no LLM configured)';
    case 'import':
      return 'scores imported from another system';
    default:
      return `${use.scorer}${use.model ? ` (${use.model})` : ''}`;
  }
};

/** One criterion's agreement in words: never "undefined" (see describeAgreement). */
const agreementText = (row: CriterionAgreement): string =>
  describeAgreement({ ...row, count: row.calls, kappaUndefined: null, band: row.band as never });

/** " — reviews by A, B", naming whose scores the scorer was compared with; empty when none are named. */
const reviewedBy = (reviewers: readonly string[]): string => (reviewers.length === 0 ? '' : ` — reviews by ${reviewers.join(', ')}`);

/** "Scored by … on N calls. Agreement with this team's reviewers: … ." plus the calibration gate when one is set. */
export const describeScorerTrust = (trust: ScorerTrust): string => {
  if (trust.primary === null) return 'No AI scores yet.';
  const others = trust.scorers.slice(1);
  const by =
    `Scored by ${scorerLabel(trust.primary)} on ${trust.primary.calls} call${trust.primary.calls === 1 ? '' : 's'}` +
    (others.length > 0 ? ` (and ${others.map((use) => `${scorerLabel(use)} on ${use.calls}`).join(', ')})` : '') +
    '.';
  const agreement =
    trust.agreement.length === 0
      ? ' Not checked against this team’s human reviewers yet: treat these scores as unverified by people.'
      : ` Agreement with this team’s human reviewers${reviewedBy(trust.reviewers)} (quadratic weighted κ): ${trust.agreement
          .map((row) => `${row.name} ${agreementText(row)}`)
          .join(', ')}.`;
  const { gate } = trust;
  const required = [
    gate.minKappa === null ? null : `κ ≥ ${gate.minKappa.toFixed(2)}`,
    gate.minCalls === null ? null : `≥ ${gate.minCalls} reviewed calls`,
  ]
    .filter((part): part is string => part !== null)
    .join(' on ');
  const gateText = !gate.required
    ? ''
    : gate.met
      ? ` Calibration gate (${required} per criterion): met.`
      : ` Calibration gate (${required} per criterion): not met yet (${gate.reason ?? 'not checked'}), so no status becomes ready.`;
  return `${by}${agreement}${gateText}`;
};

/**
 * The sentence for one call's scores (an agent's score summary): its scorer, and the team's agreement
 * figures when that scorer is the one they were measured on.
 */
export const describeCallScorer = (use: Pick<ScorerUse, 'scorer' | 'model'>, trust: ScorerTrust | null): string => {
  const same = trust?.primary && trust.primary.scorer === use.scorer && (trust.primary.model ?? null) === (use.model ?? null);
  if (!trust || !same) return `Scored by ${scorerLabel(use)}. Not checked against your team’s human reviewers yet.`;
  return describeScorerTrust({
    ...trust,
    scorers: [{ ...use, calls: trust.primary?.calls ?? 0 }],
    primary: { ...use, calls: trust.primary?.calls ?? 0 },
  });
};
