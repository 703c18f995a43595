import { agentTurnAfter, firstHit, type Hit, isBefore, uniqueHits } from './find-hits.ts';
import { closingWords, clampLevel, customerEffect, effectNote, type Judgement } from './judgement.ts';
import type { CallSignals } from './read-call-signals.ts';

/** What each rung of the method's empathy is worth, in levels above 1 (docs/decisions/0033-empathy-as-the-method-defines-it.md). */
export const EMPATHY_RUNGS = {
  /** Any acknowledgement of the customer's feelings or experience, or warmth toward them ("sorry to hear", "I hope"). */
  acknowledged: 1,
  /** One tied to what this customer said: their situation, their words, a feeling or experience named. */
  tied: 2,
  /** A reflection or interpretation of what they feel, or a question exploring it. */
  reflected: 3,
  /** Both a reflection and an exploration. */
  reflectedAndExplored: 3.5,
  /** The acknowledgement (tied or better) came before the first solution step. */
  beforeResolution: 1,
} as const;

/** What takes empathy back, in levels. Blame, dismissal or "sorry you feel that way" also cap the level at 2. */
export const EMPATHY_HARMS = { harsh: 2, eachFurtherHarsh: 1, policy: 1.5, contradicted: 1, most: 3 } as const;

/**
 * Empathy as the method defines it. Credit rises with: any acknowledgement of the customer's emotional state
 * or experience; one tied to what this customer said; a reflection or interpretation of what they feel, or a
 * question that explores it; and that before moving to the resolution. Blame, dismissal, "sorry you feel that
 * way", policy-hiding and an acknowledgement taken back by what follows reduce it. An acknowledgement alone
 * is never worse than none. Emotion cues are read from the customer's whole text (sadness, worry, grief,
 * disappointment and stress as much as anger); a call with none and no empathic act has nothing to judge
 * (low confidence). The customer's side moves the level by one: up when they ended satisfied (never past
 * blame), down when they ended dissatisfied or their frustration rose.
 */
export const judgeEmpathy = ({
  turns,
  firstCustomer,
  frustration,
  emotion,
  close,
  acknowledgements,
  dismissals,
  outcomes,
}: CallSignals): Judgement => {
  const { any, genuine, stock, reflections, explorations, contradicted } = acknowledgements;
  const firstStep = firstHit(
    [...outcomes.steps, ...outcomes.done, ...outcomes.routes, ...outcomes.instructions].filter((hit) => hit.turn > firstCustomer),
  );
  const harsh = [dismissals.blame, dismissals.dismissal, dismissals.feelThatWay].filter((hits) => hits.length > 0);
  const emotional = emotion.present || frustration.level !== 'none';
  const effect = customerEffect(close);
  // A satisfied customer does not excuse blame: once the acknowledgement is undone, only a fall counts.
  const shift = harsh.length > 0 || dismissals.policy.length > 0 ? Math.min(0, effect) : effect;
  const fallback = agentTurnAfter(turns, firstCustomer);

  const deeper = [...reflections, ...explorations];
  const rung =
    reflections.length > 0 && explorations.length > 0
      ? EMPATHY_RUNGS.reflectedAndExplored
      : deeper.length > 0
        ? EMPATHY_RUNGS.reflected
        : genuine.length > 0
          ? EMPATHY_RUNGS.tied
          : any.length > 0
            ? EMPATHY_RUNGS.acknowledged
            : 0;
  const early = rung >= EMPATHY_RUNGS.tied && [...genuine, ...deeper].some((hit) => isBefore(hit, firstStep));
  const harm = Math.min(
    EMPATHY_HARMS.most,
    (harsh.length > 0 ? EMPATHY_HARMS.harsh + EMPATHY_HARMS.eachFurtherHarsh * (harsh.length - 1) : 0) +
      (dismissals.policy.length > 0 ? EMPATHY_HARMS.policy : 0) +
      (contradicted.length > 0 ? EMPATHY_HARMS.contradicted : 0),
  );
  const undoing = [...harsh.flat(), ...dismissals.policy, ...contradicted];
  const note = effectNote(shift === 0 ? 0 : effect, close);
  const hitsOf = (lists: Hit[][]): Hit[] => {
    const hits = uniqueHits(lists.flat());
    return hits.length > 0 || fallback === undefined ? hits : [fallback];
  };

  if (rung === 0 && undoing.length === 0 && !emotional) {
    return {
      level: clampLevel(3 + shift),
      hits: hitsOf([]),
      rationale: `no emotion cues from the customer and no acknowledgement: nothing here shows empathy either way${note}`,
      confidence: 'low',
    };
  }
  // Nothing asked for empathy: an agent who offers none is not marked down for it, one who does is credited.
  const floor = emotional ? 1 : 3;
  let level = Math.max(floor, 1 + rung + (early ? EMPATHY_RUNGS.beforeResolution : 0)) - harm;
  if (harsh.length > 0) level = Math.min(level, 2);
  const what =
    rung === 0
      ? emotional
        ? `no acknowledgement of what the customer feels${emotion.cues[0] ? ` (${closingWords(emotion.cues[0].quote)})` : frustration.cues[0] ? ` (${closingWords(frustration.cues[0].quote)})` : ''}`
        : 'no acknowledgement, and no emotion cues that asked for one'
      : rung === EMPATHY_RUNGS.acknowledged
        ? stock.length > 0 && stock.length === any.length
          ? 'only stock sympathy phrases that would fit any call'
          : 'acknowledged the customer’s feelings or experience, but not tied to what they said'
        : rung === EMPATHY_RUNGS.tied
          ? `acknowledged this customer’s situation${early ? ' before the first solution step' : firstStep ? ' only after moving to the solution' : ''}`
          : `${reflections.length > 0 ? 'reflected what the customer feels' : ''}${reflections.length > 0 && explorations.length > 0 ? ' and ' : ''}${explorations.length > 0 ? 'asked about their experience' : ''}${early ? ' before the first solution step' : firstStep ? ' only after moving to the solution' : ''}`;
  const undone =
    undoing.length > 0
      ? `; ${rung > 0 ? 'undone by' : 'with'} ${[
          ...(harsh.length > 0 ? ['blaming or dismissive wording'] : []),
          ...(dismissals.policy.length > 0 ? ['policy-first wording'] : []),
          ...(contradicted.length > 0 ? ['a refusal right after the acknowledgement'] : []),
        ].join(', ')}`
      : '';
  const shown = rung === 0 ? [undoing, firstStep ? [firstStep] : []] : [deeper, genuine, any, undoing];
  return { level: clampLevel(level + shift), hits: hitsOf(shown), rationale: `${what}${undone}${note}` };
};
