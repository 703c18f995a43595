import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';

import type { PublishedChart } from '../../../domain/charts/index.ts';
import type { Home } from '../../../domain/readiness/index.ts';
import type { ChartPublisher } from '../../../use-cases/chart-publisher.ts';
import { loadHome } from '../../../use-cases/load-home.ts';
import { buildHomeErrorView, buildHomeView, type HomeView } from '../../blocks/build-home-view.ts';
import { createRichFallbackLog, sendWithFallback } from '../../rich-blocks-fallback.ts';
import type { SlackDeps } from '../../slack-deps.ts';
import { slackErrorOf } from '../../slack-sender.ts';

/** Teams whose charts one Home shows: a manager of many teams sees the table of all and the charts of the first few. */
const MAX_TEAM_CHARTS = 3;

/** The Home's charts, drawn and uploaded side by side: the viewer's own trend and their teams' (first few). */
const publishCharts = async (home: Home, charts: ChartPublisher): Promise<NonNullable<Parameters<typeof buildHomeView>[0]['charts']>> => {
  const teams = (home.teams ?? []).slice(0, MAX_TEAM_CHARTS);
  const [own, ...teamCharts] = await Promise.all([
    home.ownChart ? charts.publish(home.ownChart) : null,
    ...teams.map((team) => (team.chart ? charts.publish(team.chart) : null)),
  ]);
  return {
    own: own ?? null,
    teams: Object.fromEntries(teams.map((team, index): [string, PublishedChart | null] => [team.key, teamCharts[index] ?? null])),
  };
};

/**
 * `app_home_opened` on the Home tab: publishes the person's Home (load-home) with their trend chart or
 * their teams' and the team table. Bolt acks events. A view whose table or image Slack refuses is
 * published again as text (logged once); a view that cannot be built, or that Slack refuses even as
 * text, is replaced by a short "could not load" view, never blank.
 */
export const handleAppHomeOpened = (deps: SlackDeps) => {
  // One refusal log per app when the composition root gave none (tests, older wiring).
  const fallbackLog = deps.richFallback?.log;
  let ownLog: ReturnType<typeof createRichFallbackLog> | null = null;
  return async ({ event, client, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> => {
    if (event.tab !== 'home') return;
    const user = { user: event.user };
    const publish = (view: HomeView) => client.views.publish({ user_id: event.user, view });
    if (!fallbackLog && !ownLog) ownLog = createRichFallbackLog((message, extra) => logger.warn(message, extra));
    const log = fallbackLog ?? ownLog!;
    const view = await loadHome(deps.services, { userId: event.user, thresholds: deps.thresholds })
      .then(async (home) => buildHomeView({ ...home, ...(deps.charts ? { charts: await publishCharts(home, deps.charts(client)) } : {}) }))
      .catch((error: unknown) => void logger.error('app home: could not build the Home view', error, user));
    if (!view) {
      await publish(buildHomeErrorView()).catch((error: unknown) =>
        logger.error('app home: views.publish of the error view failed', error, user),
      );
      return;
    }
    const message = { text: '', blocks: view.blocks, ...(view.fallback ? { fallback: { text: '', blocks: view.fallback.blocks } } : {}) };
    await sendWithFallback(message, (sent) => publish({ type: 'home', blocks: sent.blocks }), {
      errorCode: slackErrorOf,
      log,
      context: { surface: 'home', ...user },
      ...(deps.richFallback?.sleep ? { sleep: deps.richFallback.sleep } : {}),
    }).catch(async (error: unknown) => {
      logger.error('app home: views.publish failed', error, user);
      // Slack refused the view itself: the person still gets an answer.
      await publish(buildHomeErrorView()).catch((retry: unknown) =>
        logger.error('app home: views.publish of the error view failed', retry, user),
      );
    });
  };
};
