import { describe, expect, it } from 'vitest';
import { mapRoles } from '../../src/ingest/map-roles.ts';
import { parseTranscript } from '../../src/ingest/parse-transcript.ts';
import type { RawTurn } from '../../src/ingest/raw-turn.ts';
import { expectAppError } from './expect-app-error.ts';
import { readFixture } from './read-fixture.ts';
import { cliWording } from '../../src/cli/cli-messages.ts';
import { httpWording } from '../../src/http/http-messages.ts';

const turns = (...speakers: (string | null)[]): RawTurn[] => speakers.map((speaker, index) => ({ speaker, text: `line ${index + 1}` }));

const roles = (raw: RawTurn[], options: Parameters<typeof mapRoles>[1]): string[] => mapRoles(raw, options).turns.map((turn) => turn.role);

describe('mapRoles', () => {
  it('when agentSpeaker is given, then that speaker is the agent and every other is the customer', () => {
    expect(roles(turns('Bob', 'Alice', 'Bob'), { agentNames: [], agentSpeaker: 'alice' })).toEqual(['customer', 'agent', 'customer']);
  });

  it("when a speaker matches the agent's full name, ignoring case and an affiliation, then it is the agent", () => {
    const raw = parseTranscript(readFixture('teams.vtt')).turns;
    const mapped = mapRoles(raw, { agentNames: ['sarah jones'] }).turns;
    expect(mapped.map((turn) => turn.role)).toEqual(['agent', 'customer', 'agent', 'customer', 'agent', 'customer', 'agent']);
    expect(mapped[0]).toEqual({ role: 'agent', text: 'Thank you for calling Acme, this is Sarah. How can I help?', start: 1.12 });
  });

  it("when a speaker is only the agent's first name, then it is the agent", () => {
    const raw = parseTranscript(readFixture('call.txt')).turns;
    const mapped = mapRoles(raw, { agentNames: ['Sarah Jones'] }).turns;
    expect(mapped.filter((turn) => turn.role === 'agent')).toHaveLength(5);
    expect(mapped[0]?.role).toBe('agent');
    expect(mapped[1]?.role).toBe('customer');
  });

  it('when names differ in accents or order, then they still match', () => {
    expect(roles(turns('Jose Alvarez', 'Caller'), { agentNames: ['José Álvarez'] })).toEqual(['agent', 'customer']);
    expect(roles(turns('Jones, Sarah', 'Mark'), { agentNames: ['Sarah Jones'] })).toEqual(['agent', 'customer']);
    expect(roles(turns('Sarah J.', 'Mark'), { agentNames: ['Sarah Jones'] })).toEqual(['agent', 'customer']);
  });

  it('when a full-name match and a first-name match both exist, then the full name wins', () => {
    expect(roles(turns('Sarah', 'Sarah Jones'), { agentNames: ['Sarah Jones'] })).toEqual(['customer', 'agent']);
  });

  it('when no name matches, then role labels decide (Agent, Rep, CSR, Support …)', () => {
    for (const label of [
      'Agent',
      'Rep',
      'Representative',
      'Advisor',
      'Associate',
      'CSR',
      'Acme Support',
      'Agent 1',
      'Customer Service Representative',
    ]) {
      expect(roles(turns(label, 'Mark Taylor'), { agentNames: ['Priya Patel'] })).toEqual(['agent', 'customer']);
    }
  });

  it('when one speaker is labelled Customer and exactly one other remains, then that one is the agent', () => {
    for (const label of ['Customer', 'Caller', 'Client', 'Member', 'Guest']) {
      expect(roles(turns('Tom', label, 'Tom'), { agentNames: [] })).toEqual(['agent', 'customer', 'agent']);
    }
  });

  it('when more than one non-agent speaker speaks, then they are all the customer', () => {
    expect(roles(turns('Agent', 'Mark', 'Agent', 'Mark’s wife'), { agentNames: [] })).toEqual(['agent', 'customer', 'agent', 'customer']);
  });

  it('when JSON turns carry roles, then they keep them', () => {
    const raw = parseTranscript(readFixture('turns.json')).turns;
    expect(mapRoles(raw, { agentNames: [] }).turns.map((turn) => turn.role)).toEqual(['agent', 'customer', 'agent', 'customer', 'agent']);
  });

  it('when JSON turns carry only a customer role, then the one other speaker is the agent', () => {
    const raw: RawTurn[] = [
      { speaker: null, role: 'customer', text: 'hi' },
      { speaker: 'Priya', text: 'hello' },
    ];
    expect(roles(raw, { agentNames: [] })).toEqual(['customer', 'agent']);
  });

  it('when the agent cannot be determined, then it throws transcript_agent_unknown listing speakers and the fix', () => {
    const error = expectAppError(
      () => mapRoles(turns('Speaker 1', 'Speaker 2'), { agentNames: ['Priya Patel'] }),
      'transcript_agent_unknown',
    );
    expect(error.userMessage).toContain('"Speaker 1", "Speaker 2"');
    expect(error.userMessage).toContain('Agent');
    // The core names no entry point's way of giving the agent's speaker: each entry point adds its own.
    expect(error.userMessage).not.toMatch(/--agent-speaker|agentSpeaker/);
    expect(cliWording(error)).toContain('--agent-speaker "<name>"');
    expect(httpWording(error)).toContain('"agentSpeaker"');
    expect(httpWording(error)).not.toContain('--agent-speaker');
  });

  it('when two speakers carry agent labels, then it throws transcript_agent_unknown naming them', () => {
    const error = expectAppError(() => mapRoles(turns('Agent', 'Rep', 'Customer'), { agentNames: [] }), 'transcript_agent_unknown');
    expect(error.userMessage).toContain('"Agent", "Rep"');
  });

  it('when two speakers match the agent name equally, then it throws transcript_agent_unknown', () => {
    expectAppError(() => mapRoles(turns('Sarah Jones', 'Sarah Smith'), { agentNames: ['Sarah'] }), 'transcript_agent_unknown');
  });

  it('when the given agent speaker never speaks, then it throws transcript_agent_speaker_missing listing speakers', () => {
    const error = expectAppError(
      () => mapRoles(turns('Agent', 'Customer'), { agentNames: [], agentSpeaker: 'Priya' }),
      'transcript_agent_speaker_missing',
    );
    expect(error.userMessage).toContain('"Priya"');
    expect(error.userMessage).toContain('"Agent", "Customer"');
  });

  it('when only one speaker speaks, then it throws transcript_single_speaker', () => {
    expectAppError(() => mapRoles(turns('Agent', 'agent'), { agentNames: [] }), 'transcript_single_speaker');
    expectAppError(() => mapRoles(turns('Bob'), { agentNames: ['Bob'] }), 'transcript_single_speaker');
  });

  it('when every JSON turn is the agent, then it throws transcript_single_speaker', () => {
    const raw: RawTurn[] = [
      { speaker: 'Sarah', role: 'agent', text: 'hello' },
      { speaker: 'Tom', role: 'agent', text: 'hi' },
    ];
    expectAppError(() => mapRoles(raw, { agentNames: [] }), 'transcript_single_speaker');
  });

  it('when a turn has no speaker, then it throws transcript_unlabelled_turn naming the turn', () => {
    const error = expectAppError(() => mapRoles(turns(null, 'Agent', 'Customer'), { agentNames: [] }), 'transcript_unlabelled_turn');
    expect(error.userMessage).toContain('Turn 1');
  });

  it('when turns have no start, then the mapped turns have no start key', () => {
    expect(mapRoles(turns('Agent', 'Customer'), { agentNames: [] }).turns).toStrictEqual([
      { role: 'agent', text: 'line 1' },
      { role: 'customer', text: 'line 2' },
    ]);
  });
});
