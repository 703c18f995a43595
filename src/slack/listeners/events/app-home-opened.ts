import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';

import { loadHome } from '../../../use-cases/load-home.ts';
import { buildHomeErrorView, buildHomeView, type HomeView } from '../../blocks/build-home-view.ts';
import type { SlackDeps } from '../../slack-deps.ts';

/**
 * `app_home_opened` on the Home tab: publishes the person's Home (load-home). Bolt acks events. A view
 * that cannot be built, or that Slack refuses, is replaced by a short "could not load" view, never blank.
 */
export const handleAppHomeOpened =
  (deps: SlackDeps) =>
  async ({ event, client, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> => {
    if (event.tab !== 'home') return;
    const user = { user: event.user };
    const publish = (view: HomeView) => client.views.publish({ user_id: event.user, view });
    const view = await loadHome(deps.services, { userId: event.user, thresholds: deps.thresholds })
      .then((home): HomeView => ({ type: 'home', blocks: buildHomeView(home).blocks }))
      .catch((error: unknown) => void logger.error('app home: could not build the Home view', error, user));
    await publish(view ?? buildHomeErrorView()).catch(async (error: unknown) => {
      logger.error('app home: views.publish failed', error, user);
      // Slack refused the view itself (e.g. invalid blocks): the person still gets an answer.
      if (view) await publish(buildHomeErrorView()).catch((retry: unknown) => logger.error('app home: views.publish of the error view failed', retry, user));
    });
  };
