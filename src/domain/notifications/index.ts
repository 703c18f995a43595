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
