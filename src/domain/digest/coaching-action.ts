import type { Recommendation } from '../readiness/index.ts';

/** The one-line coaching action of a recommendation (the full message is in /readiness). */
export const coachingAction = (recommendation: Recommendation, criterionName: (key: string) => string): string | null => {
  const on = recommendation.callType ? ` on ${recommendation.callType}` : '';
  switch (recommendation.rule) {
    case 'unchanged_from_baseline':
      return `${criterionName(recommendation.criterion ?? '')}${on} unchanged from baseline (${recommendation.evidence.delta >= 0 ? '+' : '−'}${Math.abs(recommendation.evidence.delta).toFixed(1)}): practise with harder, emotionally escalating scenarios.`;
    case 'improved_then_dropped':
      return `${criterionName(recommendation.criterion ?? '')}${on} improved then dropped ${recommendation.evidence.drop.toFixed(1)} points: add a reinforcement coaching session.`;
    case 'call_type_variance':
      return `Scores drop on ${recommendation.evidence.weakCallTypes.map((group) => group.group).join(', ')} (spread ${recommendation.evidence.spread.toFixed(1)}): check the training covered those calls.`;
    case 'below_threshold':
      return `${criterionName(recommendation.criterion ?? '')}${on} ${recommendation.evidence.gap.toFixed(1)} points short of ${recommendation.evidence.threshold.toFixed(0)}${recommendation.evidence.regression ? ', below their own baseline (a regression)' : ''}: coach individually on the quoted moments.`;
    case 'roleplay_live_gap':
      return `${criterionName(recommendation.criterion ?? '')} ${recommendation.evidence.gap.toFixed(1)} points lower live than in roleplay: harder practice or brief live coaching on the quoted moments.`;
    default:
      return null;
  }
};
