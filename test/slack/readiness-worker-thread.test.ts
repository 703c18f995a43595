/**
 * ADR 0042: `/readiness` answers are built in a worker thread on its own read-only connection, so the
 * app's event loop (and the next command's ack) never waits behind a report. Over real HTTP against the
 * real app on both databases: the answer still reaches the response_url with the same content and the
 * same access rules, without the app thread's repositories; an unexpected failure in the thread is
 * apologised for and logged. (How fast acks are is measured by `npm run bench:slack`, not here.)
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

import type { TestDatabase } from '../support/database.ts';
import { describeEachDatabase } from '../support/database.ts';
import { postSigned, slashCommand } from './slack-requests.ts';
import { SECRET, startSlackTestApp, type SlackTestApp } from './slack-test-app.ts';
import { tableLines } from './table-lines.ts';

const MAYA = { id: 'U0MAYA0001', name: 'maya' };
const ANA = { id: 'U0ANA00001', name: 'ana' };
const STRANGER = { id: 'U0NOBODY01', name: 'stranger' };

type Answer = { text?: string; response_type?: string; blocks?: { type: string; text?: { text: string } }[] };
const allText = (answer: Answer): string =>
  [answer.text ?? '', ...(answer.blocks ?? []).map((block) => block.text?.text ?? ''), ...tableLines(answer.blocks as never)].join('\n');

let sequence = 0;
const readiness = async (harness: SlackTestApp, user: { id: string; name: string }, text: string): Promise<Answer> => {
  const name = `worker-cmd-${++sequence}`;
  const sent = await postSigned(
    harness.eventsUrl,
    slashCommand({ userId: user.id, userName: user.name, text, responseUrl: harness.slack.responseUrl(name) }),
    { secret: SECRET },
  );
  expect(sent.status).toBe(200);
  const [answer] = await harness.slack.waitForResponses(name);
  return answer?.body as Answer;
};

/**
 * Every method of the app thread's directory and readiness repositories made to throw, until `restore()`
 * (the app's scoring worker, which polls them, logs its failures meanwhile).
 */
const breakAppThreadRepositories = (harness: SlackTestApp): { restore: () => void } => {
  const saved: [Record<string, unknown>, string, unknown][] = [];
  for (const [label, repository] of [
    ['directory', harness.services.directory],
    ['readiness', harness.services.readiness],
  ] as const) {
    const methods = repository as unknown as Record<string, unknown>;
    for (const key of Object.keys(methods)) {
      if (typeof methods[key] !== 'function') continue;
      saved.push([methods, key, methods[key]]);
      methods[key] = () => {
        throw new Error(`the app thread's ${label}.${key} was called`);
      };
    }
  }
  return { restore: () => saved.forEach(([target, key, value]) => (target[key] = value)) };
};

describeEachDatabase('/readiness built in the scorecard worker thread', (database) => {
  let harness: SlackTestApp;
  let broken: ReturnType<typeof breakAppThreadRepositories> | null = null;

  beforeAll(async () => {
    harness = await startSlackTestApp({ database: database.open as () => Promise<TestDatabase> });
  }, 180_000);

  afterEach(() => {
    broken?.restore();
    broken = null;
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it("when the app thread's repositories cannot be used, then the manager still gets her agent's private scorecard, read by the worker", async () => {
    broken = breakAppThreadRepositories(harness);
    const answer = await readiness(harness, MAYA, 'AG-101');
    expect(answer.response_type).toBe('ephemeral');
    expect(allText(answer)).toContain('Readiness of Ana Ruiz');
  });

  it('when Ana asks for her own card through the worker, then she gets it; when a stranger asks for hers, then they learn nothing about her', async () => {
    broken = breakAppThreadRepositories(harness);
    expect(allText(await readiness(harness, ANA, ''))).toContain('Readiness of Ana Ruiz');
    const refused = allText(await readiness(harness, STRANGER, 'AG-101'));
    expect(refused).toContain('not set up in floorready');
    expect(refused).not.toContain('Ana');
  });

  it('when the report fails in the worker for a reason nobody expected, then the asker gets the apology and the failure is logged with its cause', async () => {
    const own = await startSlackTestApp({ database: database.open as () => Promise<TestDatabase> });
    try {
      // On PostgreSQL with what depends on it (the view of the calls' lines of scores, ADR 0060).
      await own.db.prisma.$executeRawUnsafe(`DROP TABLE "CriterionScore"${own.db.provider === 'postgresql' ? ' CASCADE' : ''}`);
      const answer = allText(await readiness(own, MAYA, 'AG-101'));
      expect(answer).toContain('Sorry, something went wrong while building the readiness scorecard');
      expect(answer).not.toContain('CriterionScore');
      await expect.poll(() => own.logLines.join('\n')).toContain('slack listener failed');
      expect(own.logLines.join('\n')).toContain('CriterionScore');
    } finally {
      await own.stop();
    }
  }, 180_000);
});
