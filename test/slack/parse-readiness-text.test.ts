import { describe, expect, it } from 'vitest';

import { isAppError } from '../../src/domain/app-error.ts';
import { parseReadinessText } from '../../src/slack/parse-readiness-text.ts';

const callTypes = [
  { key: 'basic_inbound', name: 'Basic inbound' },
  { key: 'escalation', name: 'Escalation' },
];

const errorOf = (text: string): string => {
  try {
    parseReadinessText(text, callTypes);
  } catch (error) {
    if (isAppError(error)) return error.userMessage;
  }
  throw new Error(`expected "${text}" to be refused`);
};

describe('parseReadinessText', () => {
  it('when the text is empty, then it asks for the caller’s own card of every call type', () => {
    expect(parseReadinessText('  ', callTypes)).toEqual({ agentRef: null, callType: null });
  });

  it('when the text is an escaped mention with a call type by name, then both are read', () => {
    expect(parseReadinessText('<@U0ANA00001|ana> basic inbound', callTypes)).toEqual({ agentRef: 'U0ANA00001', callType: 'basic_inbound' });
    expect(parseReadinessText('<@U0ANA00001>', callTypes)).toEqual({ agentRef: 'U0ANA00001', callType: null });
  });

  it('when the agent is an escaped or bare email, or an external id, then it is the agent reference', () => {
    expect(parseReadinessText('<mailto:Ana.Ruiz@example.com|Ana.Ruiz@example.com> ESCALATION', callTypes)).toEqual({
      agentRef: 'ana.ruiz@example.com',
      callType: 'escalation',
    });
    expect(parseReadinessText('ana.ruiz@example.com', callTypes)).toEqual({ agentRef: 'ana.ruiz@example.com', callType: null });
    expect(parseReadinessText('AG-101 escalation', callTypes)).toEqual({ agentRef: 'AG-101', callType: 'escalation' });
  });

  it('when the text is only a call type, then it is the caller’s own card of that type', () => {
    expect(parseReadinessText('Basic Inbound', callTypes)).toEqual({ agentRef: null, callType: 'basic_inbound' });
  });

  it('when the call type is unknown or the mention was typed as plain text, then the answer says what to use', () => {
    expect(errorOf('<@U0ANA00001> refunds')).toContain('Use one of: `basic_inbound` (Basic inbound), `escalation` (Escalation)');
    expect(errorOf('@ana')).toContain('Pick the person from the @-mention list');
  });
});
