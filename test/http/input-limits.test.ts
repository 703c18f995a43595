/**
 * Input inside the size limits never gets a 500 (issue 17, item 6), on SQLite and PostgreSQL, through the
 * real entry points on one port: JSON nested 10,000 deep (60 KB) as the transcript object, as a transcript
 * string, and as a file posted in Slack, all answered with one reason; call dates outside 1970..next year
 * refused with a 400 over HTTP and the same sentence in Slack; nothing stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { describeEachDatabase } from '../support/database.ts';
import { ANA, MAYA, startOnePortApp, type OnePortApp } from '../support/one-port-app.ts';

const DEPTH = 10_000;
/** `{"turns": [[[[…]]]]}`: what a red team posts, about 60 KB (too deep for JSON.stringify, so sent as text). */
const deepText = (): string => `{"turns":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`;
/** The call body with the deep transcript as a JSON object (not a string) in it. */
const bodyWithDeepObject = (): string =>
  `{"externalId":"deep-1","agent":"AG-101","occurredAt":"2026-09-30T14:05:00Z","transcript":${deepText()}}`;
const CALL =
  'Agent: Thank you for calling Northside, how can I help?\nCustomer: I was charged twice.\nAgent: I am sorry, let me fix that for you.';
const REASON = 'nested more than 64 levels deep';

describeEachDatabase('input within the limits', (database) => {
  let app: OnePortApp;
  beforeEach(async () => {
    app = await startOnePortApp(database.open);
  });
  afterEach(async () => app.stop());

  describe('JSON nested 10,000 deep', () => {
    it('when it is posted as the transcript object, as a transcript string and as a Slack file, then each is refused with the same reason and nothing is stored', async () => {
      const asObject = await app.postCall(bodyWithDeepObject());
      expect(asObject.status, JSON.stringify(asObject.body)).toBe(400);
      expect(asObject.body.error).toBe('transcript_too_deep');
      expect(String(asObject.body.message)).toContain(REASON);

      const asString = await app.postCall({
        externalId: 'deep-2',
        agent: 'AG-101',
        occurredAt: '2026-09-30T14:05:00Z',
        transcript: deepText(),
      });
      expect(asString.status, JSON.stringify(asString.body)).toBe(400);
      expect(asString.body).toEqual(asObject.body);

      const posted = await app.postMessage({ user: MAYA, text: `<@${ANA}> escalation`, file: { name: 'call.json', content: deepText() } });
      const reply = await app.replyTo(posted.ts);
      expect(reply).toContain(String(asObject.body.message));
      expect(reply).not.toContain('not valid JSON');
      expect(await app.services.calls.list()).toHaveLength(0);
    });

    it('when JSON nests 64 levels inside a transcript string, then it is still read (the bound is not a cut below it)', async () => {
      // 60 arrays around the turns: deep but within the bound; the JSON reader then says what shape it expected.
      const wrapped = `${'['.repeat(60)}[{"speaker":"Agent","text":"Hello"}]${']'.repeat(60)}`;
      const answer = await app.postCall({ externalId: 'deep-3', agent: 'AG-101', occurredAt: '2026-09-30T14:05:00Z', transcript: wrapped });
      expect(answer.status, JSON.stringify(answer.body)).toBe(422);
      expect(answer.body.error).toBe('transcript_invalid_json');
    });
  });

  describe('call dates', () => {
    it('when occurredAt is in the year 0 or after next year, then the answer is a 400 naming the range and nothing is stored', async () => {
      for (const occurredAt of ['0000-01-01', '1969-12-31T23:59:59Z', '2999-01-01T00:00:00Z']) {
        const answer = await app.postCall({ externalId: `date-${occurredAt}`, agent: 'AG-101', occurredAt, transcript: CALL });
        expect(answer.status, `${occurredAt}: ${JSON.stringify(answer.body)}`).toBe(400);
        // Refused by the one date parser (ADR 0024) as the body is validated, before the ingest use case's own check.
        expect(answer.body.error).toBe('validation_failed');
        expect(String(answer.body.message)).toContain('must be from 1970 to 2027');
      }
      const ok = await app.postCall({ externalId: 'date-ok', agent: 'AG-101', occurredAt: '1970-01-01T00:00:00Z', transcript: CALL });
      expect(ok.status, JSON.stringify(ok.body)).toBe(202);
      expect((await app.services.calls.list()).map((call) => call.externalId)).toEqual(['date-ok']);
    });

    it('when a transcript posted in Slack is dated 0000-01-01, then the thread gives the same reason and nothing is stored', async () => {
      const posted = await app.postMessage({ user: MAYA, text: `<@${ANA}> escalation 0000-01-01\n${CALL}` });
      const reply = await app.replyTo(posted.ts);
      expect(reply).toContain('must be from 1970 to 2027');
      expect(await app.services.calls.list()).toHaveLength(0);
    });
  });
});
