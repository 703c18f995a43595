/**
 * Error codes are a closed union (src/domain/error-codes.ts) and every entry point's catalogue is an
 * object over all of them. The type checks below are enforced by `tsc --noEmit` (the `@ts-expect-error`
 * lines fail the build the day the compiler stops refusing them); the runtime checks make sure the
 * three catalogues cover the same codes and word the access refusals without naming any target.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';

import { CLI_WORDING, cliWording } from '../../src/cli/cli-messages.ts';
import { AppError, type ErrorCode } from '../../src/domain/app-error.ts';
import { HTTP_WORDING } from '../../src/http/http-messages.ts';
import { SLACK_WORDING, slackWording } from '../../src/slack/slack-messages.ts';

describe('typed error codes', () => {
  it('when a catalogue leaves a code out, or an error names a code outside the union, then it does not compile', () => {
    type Catalogue = { [C in ErrorCode]: unknown };
    const { access_refused: dropped, ...withoutOne } = CLI_WORDING;
    expect(dropped).toBeTypeOf('function');
    // @ts-expect-error: a catalogue without `access_refused` is incomplete.
    const incomplete: Catalogue = withoutOne;
    expect(Object.keys(incomplete)).not.toContain('access_refused');
    // @ts-expect-error: 'approval_forbidden' was renamed to access_refused; the old name no longer compiles.
    expect(() => new AppError('approval_forbidden', 'x')).not.toThrow();
    // @ts-expect-error: access_refused needs its parameters (who asked, for what, why).
    expect(() => new AppError('access_refused', 'x')).not.toThrow();
    expectTypeOf(new AppError('agent_unknown', 'x', { params: { agentRef: 'a', scope: null } }).params).toEqualTypeOf<{
      agentRef: string;
      scope: readonly string[] | null;
    }>();
  });

  it('when the Slack, HTTP and CLI catalogues are read, then each covers exactly the same codes', () => {
    const slack = Object.keys(SLACK_WORDING).sort();
    expect(slack.length).toBeGreaterThan(60);
    expect(Object.keys(HTTP_WORDING).sort()).toEqual(slack);
    expect(Object.keys(CLI_WORDING).sort()).toEqual(slack);
  });

  it('when an access refusal is worded, then the words depend on who asks only, never on an agent', () => {
    const refusal = (actor: string) =>
      new AppError('access_refused', 'x', { params: { action: 'approve', reason: 'not_a_manager', actor, actorName: null } });
    expect(slackWording(refusal('U0NOBODY01'))).toBe(slackWording(refusal('U0BEN00001')));
    expect(slackWording(refusal('U0NOBODY01'))).toContain("only a manager of the agent's team can approve");
    expect(cliWording(refusal('anyone'))).toContain('"anyone" is not a team manager in the floorready config, so cannot approve readiness');
  });
});
