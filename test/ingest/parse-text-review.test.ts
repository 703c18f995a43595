import { describe, expect, it } from 'vitest';
import { mapRoles } from '../../src/ingest/map-roles.ts';
import { parseTranscript } from '../../src/ingest/parse-transcript.ts';
import { expectAppError } from './expect-app-error.ts';
import { cliWording } from '../../src/cli/cli-messages.ts';

const OTTER = [
  'Ana Ruiz  0:03',
  'Thank you for calling Northside, this is Ana.',
  '',
  'Kevin Marsh  0:07',
  'Hi Ana. I want to update my card,',
  'the new one came today.',
  '',
  'Ana Ruiz  1:02:15',
  "Thanks Kevin, that's updated.",
  '',
  'Transcribed by https://otter.ai',
].join('\n');

describe('plain-text layouts found in review', () => {
  it('when an Otter export has "Name  0:03" header lines, then each header starts a turn with the words below it', () => {
    expect(parseTranscript(OTTER, { fileName: 'otter.txt' })).toEqual({
      format: 'text',
      turns: [
        { speaker: 'Ana Ruiz', start: 3, text: 'Thank you for calling Northside, this is Ana.' },
        { speaker: 'Kevin Marsh', start: 7, text: 'Hi Ana. I want to update my card, the new one came today.' },
        { speaker: 'Ana Ruiz', start: 3735, text: "Thanks Kevin, that's updated." },
      ],
      // Plain text names people only in its speaker labels: no names beside the turns.
      participantNames: [],
      // Nor does it carry an export's own id or date.
      metadata: {},
    });
  });

  it('when an Otter export names speakers "Speaker 1" and "Speaker 2", then the error lists them and asks which is the agent', () => {
    // Words that hold no role cue (no greeting, no introduction, no name): only --agent-speaker can tell.
    const { turns } = parseTranscript('Speaker 1  0:03\nRight.\n\nSpeaker 2  0:07\nYes, that one.\n', {
      fileName: 'otter.txt',
    });
    const error = expectAppError(() => mapRoles(turns, { agentNames: ['Ana Ruiz'] }), 'transcript_agent_unknown');
    expect(error.userMessage).toContain('"Speaker 1", "Speaker 2"');
    expect(cliWording(error)).toContain('--agent-speaker');
    expect(mapRoles(turns, { agentNames: [], agentSpeaker: 'Speaker 1' }).turns.map((turn) => turn.role)).toEqual(['agent', 'customer']);
  });

  it('when Zoom saved captions put "[Name] 14:03:22" above the words, then the time is not part of the text', () => {
    const text = '[Ana Ruiz] 14:03:22\nNorthside, Ana speaking.\n[Kevin Marsh] 14:03:25\nHi Ana.\n';
    expect(parseTranscript(text, { fileName: 'captions.txt' }).turns).toEqual([
      { speaker: 'Ana Ruiz', start: 50602, text: 'Northside, Ana speaking.' },
      { speaker: 'Kevin Marsh', start: 50605, text: 'Hi Ana.' },
    ]);
  });

  it('when a Google Meet transcript has time-only section lines, then they are not added to the spoken text', () => {
    const text =
      'Call - Transcript\n00:00:00\n\nDev Patel: Hi, Dev here.\nOlivia Grant: Hi Dev.\nDev Patel: Let me check.\n\n00:01:00\n\nOlivia Grant: Thanks!\n';
    expect(parseTranscript(text, { fileName: 'meet.txt' }).turns.map((turn) => turn.text)).toEqual([
      'Hi, Dev here.',
      'Hi Dev.',
      'Let me check.',
      'Thanks!',
    ]);
  });
});
