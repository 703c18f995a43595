/**
 * Telling the agent apart from what the call says, when no platform field or label does (issue 18): the
 * agent's name in the way call centres introduce themselves, the other speaker calling them by name, and
 * the speaker who opens with the company's name or an agent's greeting; cues that disagree are refused.
 * The exports are built from the platform fixtures' own shapes (test/fixtures/platforms): a Twilio
 * sentence list with media channels 1 and 2 and no participants, a Gong transcript without `parties`.
 */
import { describe, expect, it } from 'vitest';

import { mapRoles, type MapRolesOptions } from '../../src/ingest/map-roles.ts';
import { parseTranscript } from '../../src/ingest/parse-transcript.ts';
import type { RawTurn } from '../../src/ingest/raw-turn.ts';
import { expectAppError } from './expect-app-error.ts';
import { readPlatformFixture } from './read-fixture.ts';

type Json = Record<string, unknown>;
const fixture = (name: string): Json => JSON.parse(readPlatformFixture(name).toString('utf8')) as Json;

/** The Twilio sentence-only fixture (media channels 1 and 2, no channel participants) with its texts replaced. */
const twilioSentencesOnly = (texts: readonly string[]): Json => {
  const data = fixture('twilio-sentences-only.json');
  const sentences = data.sentences as Json[];
  return { ...data, sentences: sentences.slice(0, texts.length).map((sentence, index) => ({ ...sentence, transcript: texts[index] })) };
};

/** The Gong fixture without `parties` with its monologues' texts replaced. */
const gongWithoutParties = (texts: readonly string[]): Json => {
  const data = fixture('gong-transcript-only.json');
  const call = (data.callTranscripts as Json[])[0] as Json;
  const monologues = (call.transcript as Json[]).slice(0, texts.length).map((monologue, index) => ({
    ...monologue,
    sentences: [{ ...((monologue.sentences as Json[])[0] as Json), text: texts[index] }],
  }));
  return { ...data, callTranscripts: [{ ...call, transcript: monologues }] };
};

const ANA: MapRolesOptions = { agentNames: ['Ana Ruiz'], companies: ['Northside'] };
const rolesOf = (data: unknown, options: MapRolesOptions = ANA) => {
  const parsed = parseTranscript(JSON.stringify(data));
  return mapRoles(parsed.turns, options);
};

const CALL_AFTER_OPENING = [
  "Hi, I was charged twice for order 1048 and I'm pretty annoyed about it.",
  "I'm sorry about that. Let me check order 1048 now.",
  'Thanks so much, Ana, that sorts it.',
  'You are welcome. Is there anything else I can help with?',
];

describe('the agent told apart by what the call says', () => {
  it('when a Twilio sentence-only export opens "Northside, you\'re through to Ana", then channel 2 is the agent, by the introduction', () => {
    const mapped = rolesOf(twilioSentencesOnly(["Northside, you're through to Ana.", ...CALL_AFTER_OPENING]));
    expect(mapped.rule).toBe('introduction');
    expect(mapped.turns.map((turn) => turn.role)).toEqual(['agent', 'customer', 'agent', 'customer', 'agent']);
  });

  it('when a Gong transcript without parties opens "Hi, Ana from Northside" and the customer thanks Ana, then the introducing speaker is the agent', () => {
    const mapped = rolesOf(gongWithoutParties(['Hi, Ana from Northside, how can I help?', ...CALL_AFTER_OPENING]));
    expect(mapped.rule).toBe('introduction');
    expect(mapped.turns.map((turn) => turn.role)).toEqual(['agent', 'customer', 'agent', 'customer', 'agent']);
  });

  for (const opening of [
    'My name is Ana, how can I help?',
    'Ana speaking, how may I help?',
    "You've been put through to Ana in billing.",
    'Good morning, Ana with Northside.',
  ]) {
    it(`when the agent opens "${opening}", then the introduction decides`, () => {
      expect(rolesOf(twilioSentencesOnly([opening, ...CALL_AFTER_OPENING])).rule).toBe('introduction');
    });
  }

  it('when the agent never says their name but the customer thanks them by it, then the other speaker is the agent (addressed)', () => {
    const mapped = rolesOf(twilioSentencesOnly(['Hello, billing.', ...CALL_AFTER_OPENING]));
    expect(mapped.rule).toBe('addressed');
    expect(mapped.turns[0]?.role).toBe('agent');
  });

  it("when nobody is named but one speaker opens with the company's name, then that speaker is the agent (opening)", () => {
    const texts = ['Northside billing, good morning.', 'Hi, I was charged twice.', 'Sorry about that, let me check.', 'Thanks.'];
    const mapped = rolesOf(twilioSentencesOnly(texts), { agentNames: ['Ben Okafor'], companies: ['Northside'] });
    expect(mapped.rule).toBe('opening');
    expect(mapped.turns.map((turn) => turn.role)).toEqual(['agent', 'customer', 'agent', 'customer']);
  });

  it('when the customer opens and the agent greets second ("thank you for calling"), then the greeting decides', () => {
    const raw: RawTurn[] = [
      { speaker: 'Speaker 1', text: 'Hello?' },
      { speaker: 'Speaker 2', text: 'Thank you for calling, how can I help?' },
      { speaker: 'Speaker 1', text: 'I was charged twice.' },
    ];
    const mapped = mapRoles(raw, { agentNames: ['Ben Okafor'] });
    expect(mapped.rule).toBe('opening');
    expect(mapped.turns.map((turn) => turn.role)).toEqual(['customer', 'agent', 'customer']);
  });

  it("when a team's own greeting is configured, then it counts as an agent's opening", () => {
    const raw: RawTurn[] = [
      { speaker: 'A', text: 'Hi there.' },
      { speaker: 'B', text: 'Cheerio, the power people here.' },
      { speaker: 'A', text: 'My meter is broken.' },
    ];
    expectAppError(() => mapRoles(raw, { agentNames: ['Ben Okafor'] }), 'transcript_agent_unknown');
    expect(mapRoles(raw, { agentNames: ['Ben Okafor'], greetings: ['the power people here'] }).turns[1]?.role).toBe('agent');
  });

  it('when the customer asks "is this Northside?", then asking for the company is not opening with it', () => {
    const raw: RawTurn[] = [
      { speaker: 'A', text: 'Northside?' },
      { speaker: 'B', text: 'Yes.' },
    ];
    expectAppError(() => mapRoles(raw, { agentNames: ['Ben Okafor'], companies: ['Northside'] }), 'transcript_agent_unknown');
  });

  it('when two cues point at different speakers, then the import asks for the agent speaker and names each cue', () => {
    // Speaker 1 introduces Ana; speaker 2 opens with the company's greeting.
    const raw: RawTurn[] = [
      { speaker: 'Speaker 1', text: 'Hello, this is Ana.' },
      { speaker: 'Speaker 2', text: 'Thank you for calling Northside, how can I help?' },
      { speaker: 'Speaker 1', text: 'I was charged twice.' },
    ];
    const error = expectAppError(() => mapRoles(raw, ANA), 'transcript_agent_unknown');
    expect(error.userMessage).toContain('cues disagree');
    expect(error.userMessage).toContain('says "Speaker 1"');
    expect(error.userMessage).toContain('says "Speaker 2"');
    // --agent-speaker still settles it.
    expect(mapRoles(raw, { ...ANA, agentSpeaker: 'Speaker 2' }).rule).toBe('agentSpeaker');
  });

  it('when no cue names anyone, then the import still asks for the agent speaker', () => {
    expectAppError(() => rolesOf(twilioSentencesOnly(['Hello.', 'Hi, I was charged twice.', 'Okay.'])), 'transcript_agent_unknown');
  });
});
