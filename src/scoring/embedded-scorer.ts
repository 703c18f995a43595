import type { Criterion, CriterionResult, ScoreRequest, ScoreResult, Scorer } from '../domain/types.ts';
import { verifyEvidence } from '../domain/verify-evidence.ts';
import { levelToScore, weightedOverall } from '../domain/weighted-overall.ts';
import { appliesToCallType } from '../domain/readiness/applicable-criteria.ts';
import { CUSTOMER_CLOSE_WEIGHTS } from './embedded/customer-close-weights.ts';
import { toEvidence } from './embedded/find-hits.ts';
import { inferCallType } from './embedded/infer-call-type.ts';
import { judgeClose } from './embedded/judge-close.ts';
import { judgeEmpathy } from './embedded/judge-empathy.ts';
import { judgeListening } from './embedded/judge-listening.ts';
import { judgeResolution } from './embedded/judge-resolution.ts';
import { judgeTone } from './embedded/judge-tone.ts';
import type { Judgement } from './embedded/judgement.ts';
import { type CallSignals, readCallSignals } from './embedded/read-call-signals.ts';
import type { CloseWeights } from './embedded/read-customer-close.ts';

/**
 * The embedded scorer: deterministic, offline rules over the turns, for when no LLM is configured.
 * Every rationale and summary says it is the embedded offline scorer. It reads intent, not phrases
 * (src/scoring/embedded/, docs/decisions/0012-embedded-scorer-by-intent.md):
 * - empathy: the method's rungs (ADR 0033): any acknowledgement of the customer's feelings or experience, one
 *   tied to what they said, a reflection or an exploring question, before the resolution; reduced by blame,
 *   dismissal, policy-hiding, "sorry you feel that way" and an acknowledgement taken back; emotion cues are
 *   sadness, worry, grief and disappointment as much as anger;
 * - active listening: paraphrases, replies that take up the customer's specifics, clarifying questions;
 *   curt replies and a customer who has to repeat themselves count against;
 * - tone: hurt by blame, dismissal and policy-hiding, and by the customer's frustration rising;
 * - resolution: a concrete outcome (an action done, an amount, a time, a reference) and the customer's
 *   confirmation, read from their closing words by a small model fitted on human ratings;
 * - close: recap, next steps, a real timeline, "anything else", goodbye; a call that ends on an open
 *   question or complaint loses a level.
 * A level no evidence supports is low-confidence (empathy and tone with nothing either way); close on a single
 * reply does not apply. Evidence is always the agent's own words (a sentence of 3+ words, or a whole turn). Criterion keys are
 * matched by meaning (empathy, listen, tone, resolution/resolve, close/follow); a criterion it has no rule
 * for is scored not applicable with that reason.
 */

export const EMBEDDED_MODEL = 'embedded-rules-v3';
const LABEL = 'Embedded offline scorer';

const JUDGES: { match: RegExp; judge: (signals: CallSignals) => Judgement }[] = [
  { match: /empath/i, judge: judgeEmpathy },
  { match: /listen/i, judge: judgeListening },
  { match: /tone|courtes|professional/i, judge: judgeTone },
  { match: /resol|solv/i, judge: judgeResolution },
  { match: /close|closing|follow/i, judge: judgeClose },
];

const judgeFor = (criterion: Criterion) => JUDGES.find(({ match }) => match.test(criterion.key) || match.test(criterion.name))?.judge;

export interface EmbeddedScorerOptions {
  now?: () => number;
  /** The customer-close model's weights; the fitted ones by default (bench:validity passes others to cross-validate). */
  closeWeights?: CloseWeights;
}

export const createEmbeddedScorer = (options: EmbeddedScorerOptions = {}): Scorer => {
  const now = options.now ?? (() => performance.now());
  const closeWeights = options.closeWeights ?? CUSTOMER_CLOSE_WEIGHTS;
  const score = async (request: ScoreRequest): Promise<ScoreResult> => {
    const started = now();
    const { turns } = request;
    const signals = readCallSignals(turns, closeWeights);
    const { frustration } = signals;
    const callType = request.callType ?? inferCallType(turns, request.callTypes, frustration)?.key ?? null;
    const criteria = request.rubric.criteria.map((criterion): CriterionResult => {
      const notApplicable = (why: string): CriterionResult => ({
        key: criterion.key,
        applicable: false,
        level: null,
        score: null,
        confidence: 'high',
        evidence: [],
        rationale: `${LABEL}: ${why}`,
      });
      if (!appliesToCallType(criterion, callType)) return notApplicable(`not applicable to ${callType} calls.`);
      if (!turns.some((turn) => turn.role === 'agent')) return notApplicable('no agent turns to read.');
      const judge = judgeFor(criterion);
      if (judge === undefined) return notApplicable(`no offline rule for "${criterion.name}"; needs the LLM scorer or a human.`);
      const judgement = judge(signals);
      if (judgement.applicable === false) return notApplicable(`${judgement.rationale}.`);
      return {
        key: criterion.key,
        applicable: true,
        level: judgement.level,
        score: levelToScore(judgement.level),
        confidence: judgement.confidence ?? 'high',
        evidence: judgement.hits.map((hit) => toEvidence(turns, hit)),
        rationale: `${LABEL}: ${judgement.rationale}.`,
      };
    });
    const verified = verifyEvidence(criteria, turns, request.rubric.criteria);
    const overall = weightedOverall(Object.fromEntries(verified.map((c) => [c.key, c.score])), request.rubric.criteria);
    const callTypeName = request.callTypes.find((t) => t.key === callType)?.name ?? callType ?? 'unclassified';
    const scored = verified.filter((c) => c.score !== null);
    const nameOf = (key: string) => request.rubric.criteria.find((c) => c.key === key)?.name ?? key;
    const strongest = scored.reduce<CriterionResult | undefined>(
      (best, c) => (best === undefined || (c.score ?? 0) > (best.score ?? 0) ? c : best),
      undefined,
    );
    const weakest = scored.reduce<CriterionResult | undefined>(
      (worst, c) => (worst === undefined || (c.score ?? 0) < (worst.score ?? 0) ? c : worst),
      undefined,
    );
    const summary =
      `${LABEL} (rules, no LLM): ${callTypeName} call with ${frustration.level} customer frustration` +
      (strongest === undefined || weakest === undefined
        ? '; nothing scored.'
        : strongest.score === weakest.score
          ? `; every scored criterion at ${strongest.score}.`
          : `; strongest ${nameOf(strongest.key)}, weakest ${nameOf(weakest.key)}.`);
    return {
      criteria: verified,
      overall,
      frustration: frustration.level,
      callType,
      summary,
      scorer: 'embedded',
      model: EMBEDDED_MODEL,
      promptVersion: EMBEDDED_MODEL,
      latencyMs: Math.round(now() - started),
      usage: { promptTokens: 0, completionTokens: 0 },
    };
  };
  return { name: 'embedded', model: EMBEDDED_MODEL, score };
};
