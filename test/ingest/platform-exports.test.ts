import { readdirSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { SUPPORTED_JSON_FORMATS_TEXT } from '../../src/ingest/ingest-errors.ts';
import { mapRoles, type RoleRule } from '../../src/ingest/map-roles.ts';
import { parseTranscript } from '../../src/ingest/parse-transcript.ts';
import { PLATFORM_PARSERS } from '../../src/ingest/platforms/detect-platform.ts';
import { expectAppError } from './expect-app-error.ts';
import { PLATFORM_FIXTURES, readPlatformFixture } from './read-fixture.ts';

const ROLES = ['agent', 'customer', 'agent', 'customer', 'agent', 'customer', 'agent'];

/** Each fixture: the format it is detected as, the rule that finds the agent, and the first turn's start. */
const EXPECTED: Record<string, { format: string; rule: RoleRule; firstStart: number | undefined }> = {
  'contact-lens.json': { format: 'contact-lens', rule: 'platform', firstStart: 0.54 },
  'contact-lens-redacted.json': { format: 'contact-lens', rule: 'platform', firstStart: 0.54 },
  'transcribe.json': { format: 'transcribe', rule: 'introduction', firstStart: 0.54 },
  'transcribe-items-only.json': { format: 'transcribe', rule: 'introduction', firstStart: 0.54 },
  'transcribe-call-analytics.json': { format: 'transcribe-call-analytics', rule: 'platform', firstStart: 0.54 },
  'genesys.json': { format: 'genesys', rule: 'platform', firstStart: 5.54 },
  'twilio.json': { format: 'twilio', rule: 'platform', firstStart: 0.54 },
  'twilio-sentences-only.json': { format: 'twilio', rule: 'introduction', firstStart: 0.54 },
  'dialpad.json': { format: 'dialpad', rule: 'platform', firstStart: 0 },
  'gong.json': { format: 'gong', rule: 'platform', firstStart: 0.54 },
  'gong-transcript-only.json': { format: 'gong', rule: 'introduction', firstStart: 0.54 },
  'vcon.json': { format: 'vcon', rule: 'introduction', firstStart: 0.54 },
  'vcon-chat.json': { format: 'vcon', rule: 'platform', firstStart: 0 },
  'chat.json': { format: 'chat-json', rule: 'platform', firstStart: undefined },
  'utterances.csv': { format: 'csv', rule: 'platform', firstStart: 0.54 },
};

const read = (name: string) => {
  const parsed = parseTranscript(readPlatformFixture(name), { fileName: name });
  return { format: parsed.format, ...mapRoles(parsed.turns, { agentNames: ['Ana Ruiz'] }) };
};

describe('call-platform exports', () => {
  it('when the fixtures folder is listed, then every fixture has an expectation here (none is left untested)', () => {
    const files = readdirSync(PLATFORM_FIXTURES).filter((name) => !name.endsWith('.md'));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`when ${name} is read, then it is ${expected.format} with agent and customer turns right, found by the ${expected.rule} rule, starts kept`, () => {
      const { format, turns, rule } = read(name);
      expect(format).toBe(expected.format);
      expect(rule).toBe(expected.rule);
      expect(turns.map((turn) => turn.role)).toEqual(ROLES);
      expect(turns[0]?.text).toBe('Thank you for calling Northside, this is Ana. How can I help you today?');
      expect(turns[0]?.start).toBe(expected.firstStart);
      if (expected.firstStart !== undefined) {
        const starts = turns.map((turn) => turn.start ?? -1);
        expect(starts.every((start, index) => index === 0 || start > (starts[index - 1] ?? 0))).toBe(true);
      }
    });
  }

  it('when a redacted Contact Lens file is read, then its [PII] tokens stay in the text as placeholders', () => {
    expect(read('contact-lens-redacted.json').turns[3]?.text).toBe('My email is [PII] if you need it.');
  });

  it('when Genesys phrases have decoratedText, then it is preferred, and IVR phrases are left out', () => {
    const { turns } = read('genesys.json');
    expect(turns[2]?.text).toBe("I'm sorry about that, being charged twice is frustrating. Let me look at order 1046 now.");
    expect(turns.some((turn) => turn.text.includes('may be recorded'))).toBe(false);
  });

  it('when a vCon names its parties but its transcript analysis only says "Speaker 0", then the party names are given for redaction, and other formats give none', () => {
    expect(parseTranscript(readPlatformFixture('vcon.json'), { fileName: 'vcon.json' }).participantNames).toEqual(['Dana Lee', 'Ana Ruiz']);
    // A party whose role says agent is not a name to redact.
    expect(parseTranscript(readPlatformFixture('vcon-chat.json'), { fileName: 'vcon-chat.json' }).participantNames).toEqual(['Dana Lee']);
    expect(parseTranscript(readPlatformFixture('gong.json'), { fileName: 'gong.json' }).participantNames).toEqual([]);
    expect(parseTranscript('Agent: Hi.\nCustomer: Hello.').participantNames).toEqual([]);
  });

  it('when a Dialpad transcript holds moments, then only transcript lines become turns', () => {
    expect(read('dialpad.json').turns.some((turn) => turn.text === 'refund')).toBe(false);
  });

  it('when Transcribe items carry punctuation, then it joins the word before it', () => {
    expect(read('transcribe-items-only.json').turns[4]?.text).toBe(
      "Thanks. I can see the duplicate payment, and I've raised a refund; it will be back on your card in three to five days.",
    );
  });

  it('when speakers carry no roles and no cue tells the agent, then --agent-speaker decides and the rule says so', () => {
    const text = JSON.stringify({
      results: {
        audio_segments: [
          { transcript: 'Hello, billing.', start_time: '0.1', speaker_label: 'spk_0' },
          { transcript: 'I was charged twice.', start_time: '2.0', speaker_label: 'spk_1' },
        ],
      },
    });
    const parsed = parseTranscript(text);
    expectAppError(() => mapRoles(parsed.turns, { agentNames: ['Ana Ruiz'] }), 'transcript_agent_unknown');
    const mapped = mapRoles(parsed.turns, { agentNames: ['Ana Ruiz'], agentSpeaker: 'spk_0' });
    expect(mapped.rule).toBe('agentSpeaker');
    expect(mapped.turns.map((turn) => turn.role)).toEqual(['agent', 'customer']);
  });

  it('when the customer asks "is this Ana?" and mentions "Ana\'s" manager, then that is not an introduction', () => {
    const raw = [
      { speaker: 'spk_0', text: 'Hello, is this Ana? I spoke to Ana’s manager yesterday.' },
      { speaker: 'spk_1', text: 'Yes, Ana speaking. How can I help?' },
    ];
    const mapped = mapRoles(raw, { agentNames: ['Ana Ruiz'] });
    expect(mapped.rule).toBe('introduction');
    expect(mapped.turns.map((turn) => turn.role)).toEqual(['customer', 'agent']);
  });
});

describe('call-platform exports that lack what is needed', () => {
  const cases: [string, unknown, string, string][] = [
    [
      'Contact Lens without a role for a participant',
      {
        Version: '1.1.0',
        Participants: [{ ParticipantId: 'AGENT', ParticipantRole: 'AGENT' }],
        Transcript: [{ ParticipantId: 'X', Content: 'hi' }],
      },
      'Amazon Connect Contact Lens',
      'Transcript[0].ParticipantRole',
    ],
    [
      'Call Analytics turn without Content',
      { JobName: 'j', ChannelDefinitions: [], Transcript: [{ ParticipantRole: 'AGENT', Content: 'hi' }, { ParticipantRole: 'AGENT' }] },
      'Amazon Transcribe Call Analytics',
      'Transcript[1].Content',
    ],
    [
      'Transcribe without speaker labels',
      {
        jobName: 'j',
        results: {
          transcripts: [{ transcript: 'hello there' }],
          items: [{ start_time: '0.1', alternatives: [{ content: 'hello' }], type: 'pronunciation' }],
        },
      },
      'Amazon Transcribe',
      'results.speaker_labels',
    ],
    [
      'Genesys phrase without participantPurpose',
      { transcripts: [{ phrases: [{ text: 'hi', startTimeMs: 1 }] }] },
      'Genesys Cloud',
      'transcripts[0].phrases[0].participantPurpose',
    ],
    [
      'Twilio sentence without a transcript',
      { sentences: [{ media_channel: 1, start_time: '0.1' }] },
      'Twilio Conversational Intelligence',
      'sentences[0].transcript',
    ],
    [
      'Gong monologue without sentences',
      { callTranscripts: [{ callId: '1', transcript: [{ speakerId: '7' }] }] },
      'Gong',
      'callTranscripts[0].transcript[0].sentences',
    ],
    [
      'vCon without a transcript or text',
      { vcon: '0.0.2', parties: [], dialog: [{ type: 'recording', url: 'https://x/y.mp3' }] },
      'vCon',
      'analysis[].type "transcript"',
    ],
  ];
  for (const [what, data, platform, field] of cases) {
    it(`when ${what} is imported, then the error names ${platform} and ${field}`, () => {
      const error = expectAppError(() => parseTranscript(JSON.stringify(data)), 'transcript_platform_field_missing');
      expect(error.userMessage).toContain(`looks like ${platform} output`);
      expect(error.userMessage).toContain(`\`${field}\``);
      expect(error.userMessage).toContain('Export ');
    });
  }

  it('when a JSON object matches no known format, then the error lists its keys and the supported formats', () => {
    const error = expectAppError(() => parseTranscript('{"callId": "1", "utterances": []}'), 'transcript_invalid_json');
    expect(error.userMessage).toContain('found keys "callId", "utterances"');
    for (const platform of PLATFORM_PARSERS.filter((parser) => parser.id !== 'chat-json')) {
      expect(SUPPORTED_JSON_FORMATS_TEXT).toContain(platform.name.replace('Amazon Transcribe Call Analytics', 'Call Analytics'));
    }
    expect(error.userMessage).toContain(SUPPORTED_JSON_FORMATS_TEXT);
  });
});

describe('long call-platform exports', () => {
  it('when a per-utterance CSV has 150,000 rows with clock times, then every row is a turn timed from the first (no stack overflow finding the origin)', () => {
    const rows = Array.from(
      { length: 150_000 },
      (_, i) => `${i % 2 === 0 ? 'agent' : 'customer'},${new Date(Date.UTC(2026, 8, 30, 14, 0, 0) + i * 1000).toISOString()},ok ${i}`,
    );
    // ~6 MiB: within reach of a raised ingest.maxBytes.
    const { format, turns } = parseTranscript(['role,timestamp,text', ...rows].join('\n'), {
      fileName: 'long.csv',
      maxBytes: 16 * 1024 * 1024,
    });
    expect(format).toBe('csv');
    expect(turns).toHaveLength(150_000);
    expect(turns.at(-1)).toMatchObject({ start: 149_999, text: 'ok 149999' });
  });
});
