import { joinWithAnd } from '../domain/join-with-and.ts';
import type { GroupMean, QuotedMoment, Recommendation } from '../domain/readiness/index.ts';
import { formatCount, formatDelta, formatScore, formatScoreAgainst, formatShortfall } from './format-figures.ts';
import { shownTurn } from '../domain/turn-number.ts';

// What to do, as the CLI says it: one short sentence per recommendation, built from its evidence with
// the CLI's one rounding rule (whole points; a value below its threshold never shows as the threshold),
// so the sentence and the tables beside it show the same figures. The rule's full message (one decimal,
// as Slack sends it) stays in `--json`.

export interface RecommendationText {
  text: string;
  /** The quoted call moments behind it, each naming its call (for `floorready show <call>`). */
  moments: readonly QuotedMoment[];
}

export interface DescribeContext {
  /** Criterion display name by key. */
  criterionName: (key: string) => string;
  /** The agent's key, for the approve command a ready agent's line ends with. */
  agentKey: string;
}

const day = (date: Date): string => date.toISOString().slice(0, 10);
const FRUSTRATION_WORDS: Record<string, string> = { none: 'calm', mild: 'mildly frustrated', high: 'highly frustrated' };
const withCustomers = (group: GroupMean): string =>
  `${formatScore(group.overall)} with ${FRUSTRATION_WORDS[group.group] ?? group.group} customers`;

export const describeRecommendation = (recommendation: Recommendation, context: DescribeContext): RecommendationText => {
  const criterion = recommendation.criterion ? context.criterionName(recommendation.criterion) : '';
  const on = recommendation.callType ? ` on ${recommendation.callType}` : '';
  switch (recommendation.rule) {
    case 'readiness_reached': {
      const { threshold, batches } = recommendation.evidence;
      return {
        text:
          `Ready for ${recommendation.callType ?? 'this call type'}: met ${threshold.overall} overall and every criterion's threshold in the last ` +
          `${formatCount(batches.length, 'batch', 'batches')}. Approve it: floorready approve ${context.agentKey} --type ${recommendation.callType ?? '<type>'} --by <manager>`,
        moments: [],
      };
    }
    case 'unchanged_from_baseline': {
      const { baseline, latestBatch } = recommendation.evidence;
      return {
        text:
          `${criterion}${on} has not moved since training: ${formatScore(latestBatch.value)} in the latest batch against ${formatScore(baseline.value)} before ` +
          `(${formatCount(baseline.calls, 'call')}). Add harder roleplay scenarios, with emotional escalation, before the next training cycle.`,
        moments: [],
      };
    }
    case 'improved_then_dropped': {
      const { baseline, improvedBatch, droppedBatch } = recommendation.evidence;
      return {
        text:
          `${criterion}${on} rose from ${formatScore(baseline.value)} before training to ${formatScore(improvedBatch.value)} (batch from ${day(improvedBatch.start)}), ` +
          `then fell to ${formatScore(droppedBatch.value)} (batch from ${day(droppedBatch.start)}). Add a reinforcement coaching session: new habits need repetition.`,
        moments: [],
      };
    }
    case 'call_type_variance': {
      const { best, weakCallTypes, frustrationLevels, weakFrustrationLevels } = recommendation.evidence;
      const calmest = [...frustrationLevels].sort((a, b) => b.overall - a.overall)[0];
      const frustration =
        weakFrustrationLevels.length > 0 && calmest
          ? `; ${joinWithAnd(weakFrustrationLevels.map(withCustomers))} against ${withCustomers(calmest)}`
          : '';
      return {
        text:
          `Overall score on live calls since training: ${joinWithAnd(weakCallTypes.map((group) => `${formatScore(group.overall)} on ${group.group}`))} against ${formatScore(best.overall)} on ${best.group}` +
          `${frustration}. Check that the training covered these calls.`,
        moments: [],
      };
    }
    case 'roleplay_live_gap': {
      const { roleplay, live, moments } = recommendation.evidence;
      return {
        text:
          `${criterion} is ${formatScore(roleplay.mean)} in roleplay (${formatCount(roleplay.calls, 'call')}) but ${formatScore(live.mean)} on live calls ` +
          `(${formatCount(live.calls, 'call')}). Give harder practice, or brief live coaching${moments.length > 0 ? ' on the moments below' : ''}.`,
        moments,
      };
    }
    case 'below_threshold': {
      const { threshold, batches, baseline, regression, overall, moments } = recommendation.evidence;
      const latest = batches.at(-1)?.value ?? null;
      const figure =
        latest === null
          ? `has no score in the latest batch (needs ${threshold})`
          : `is ${formatScoreAgainst(latest, threshold)} in the latest batch, ${formatShortfall(latest, threshold)} points short of ${threshold}`;
      const versus =
        latest === null || !baseline
          ? ''
          : regression
            ? `, below the ${formatScore(baseline.value)} of before training`
            : ` (${formatDelta(latest - baseline.value)} on ${formatScore(baseline.value)} before training)`;
      const why = overall
        ? `Overall${on} is ${formatScoreAgainst(overall.value, overall.threshold)} against ${overall.threshold}; its weakest criterion, ${criterion}, ${figure}`
        : `${criterion}${on} ${figure}`;
      const action = recommendation.teamWide
        ? 'It is low across the team too: see the team finding before coaching one agent.'
        : `Coach individually${moments.length > 0 ? ' on the moments below' : ''}, and check again after the next batch.`;
      return { text: `${why}${versus}. ${action}`, moments };
    }
    case 'team_wide_low': {
      const { threshold, teamMean, agentsBelow, agentsWithData } = recommendation.evidence;
      return {
        text:
          `${criterion} is low across the team: ${formatScoreAgainst(teamMean, threshold)} on average against ${threshold}, ${agentsBelow} of ${formatCount(agentsWithData, 'agent')} below. ` +
          'A gap in the curriculum, not in one agent: tell enablement and the team channel.',
        moments: [],
      };
    }
  }
};

/** One quoted moment: the call to open with `floorready show`, its date and score, the turn (1-based) and the words. */
export const describeMoment = (moment: QuotedMoment): string =>
  `${moment.externalId ?? moment.callId} · ${day(moment.occurredAt)} · scored ${formatScore(moment.score)} · turn ${shownTurn(moment.turn)}, ${moment.role}: "${moment.quote}"`;
