export {
  MAX_RECOMMENDATIONS_PER_MESSAGE,
  type DirectMessage,
  type EarlyWarningNotification,
  type ManagerNotification,
  type ScoreSummaryNotification,
} from './direct-message.ts';
export { pickScoreSummary, type PickedSummary, type SummaryCriterion, type SummaryFocus, type SummaryScore } from './pick-score-summary.ts';
export {
  candidateManagerKeys,
  MANAGER_RULES,
  managerNotificationKey,
  planManagerNotifications,
  type ManagerBundle,
  type ManagerPlan,
  type ManagerRecommendation,
  type PlanTeam,
} from './plan-manager-notifications.ts';
export {
  messageKind,
  planManagerMessage,
  planScoreSummaryMessage,
  type MessagePart,
  type NotificationKind,
  type PlanAgent,
  type PlannedDirectMessage,
  type ThreadPlace,
} from './plan-direct-messages.ts';
export {
  postedCallKeys,
  type PostedCallCriterion,
  type PostedCallFailed,
  type PostedCallLabel,
  type PostedCallScorecard,
  type PostedCallScored,
} from './posted-call-messages.ts';
export {
  candidateEarlyWarningKeys,
  earlyWarningNotificationKey,
  planEarlyWarnings,
  type EarlyWarningPlan,
  type EarlyWarningTeam,
} from './plan-early-warnings.ts';
