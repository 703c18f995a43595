import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';

import { buildReadinessReport, buildTeamReport } from '../../../use-cases/build-readiness-report.ts';
import { buildHomeErrorView, buildHomeView, type HomeTeam, type HomeView } from '../../blocks/build-home-view.ts';
import { loadViewer } from '../../readiness-access.ts';
import type { SlackDeps } from '../../slack-deps.ts';

/**
 * The viewer's Home view: their own readiness report when they are an agent (found by their Slack id
 * only), the readiness of every agent of the teams they manage, or neither (the set-up view).
 */
export const loadHomeView = async (deps: SlackDeps, userId: string): Promise<HomeView> => {
  const { directory } = deps.services;
  const viewer = await loadViewer(directory, userId);
  const [callTypes, rubric] = await Promise.all([directory.callTypes(), directory.currentRubric()]);
  const callTypeNames = Object.fromEntries(callTypes.map((type) => [type.key, type.name]));

  const [ownReport, teams] = await Promise.all([
    viewer.agent ? buildReadinessReport(deps.services, { agent: viewer.agent.key, thresholds: deps.thresholds }) : null,
    viewer.managedTeams.length > 0
      ? Promise.all(
          viewer.managedTeams.map(async (team): Promise<HomeTeam> => {
            const [report, members] = await Promise.all([
              buildTeamReport(deps.services, { team: team.key, thresholds: deps.thresholds }),
              directory.listAgents({ teamKey: team.key }),
            ]);
            const slackIds = new Map(members.map((member) => [member.id, member.slackUserId]));
            return {
              key: team.key,
              name: team.name,
              trust: report.trust,
              agents: report.agents.map((agent) => ({
                displayName: agent.agent.displayName,
                slackUserId: slackIds.get(agent.agent.id) ?? null,
                callTypes: agent.callTypes.map((entry) => ({ callType: entry.callType, status: entry.status })),
              })),
            };
          }),
        )
      : null,
  ]);

  const { type, blocks } = buildHomeView({
    userId,
    own: ownReport ? { result: ownReport, criteria: rubric?.criteria ?? [], callTypeNames } : null,
    teams,
    callTypeNames,
  });
  return { type, blocks };
};

/**
 * `app_home_opened` on the Home tab: publishes the person's Home view. Events need no ack from us (Bolt
 * acks them); a failure is logged and answered with a short "could not load" view, never left blank.
 */
export const handleAppHomeOpened =
  (deps: SlackDeps) =>
  async ({ event, client, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> => {
    if (event.tab !== 'home') return;
    const userId = event.user;
    let view: HomeView;
    let failed = false;
    try {
      view = await loadHomeView(deps, userId);
    } catch (error) {
      logger.error('app home: could not build the Home view', error, { user: userId });
      view = buildHomeErrorView();
      failed = true;
    }
    try {
      await client.views.publish({ user_id: userId, view });
    } catch (error) {
      logger.error('app home: views.publish failed', error, { user: userId });
      if (failed) return;
      // Slack refused the view itself (e.g. invalid blocks): the person still gets an answer.
      await client.views.publish({ user_id: userId, view: buildHomeErrorView() }).catch((retryError: unknown) => {
        logger.error('app home: views.publish of the error view failed', retryError, { user: userId });
      });
    }
  };
