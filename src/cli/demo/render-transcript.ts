import type { ScriptedTurn } from './build-call-turns.ts';

/** The transcript formats floorready ingests, as call platforms write them. */
export const DEMO_FORMATS = ['vtt-voice', 'vtt-names', 'srt', 'text', 'json'] as const;
export type DemoFormat = (typeof DEMO_FORMATS)[number];

export const FORMAT_LABELS: Record<DemoFormat, string> = {
  'vtt-voice': 'WebVTT <v> tags',
  'vtt-names': 'WebVTT Name: lines',
  srt: 'SRT',
  text: 'plain text',
  json: 'JSON turns',
};

export const FORMAT_EXTENSIONS: Record<DemoFormat, string> = {
  'vtt-voice': 'vtt',
  'vtt-names': 'vtt',
  srt: 'srt',
  text: 'txt',
  json: 'json',
};

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
const timestamp = (seconds: number, separator: '.' | ','): string => {
  const ms = Math.round(seconds * 1000);
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
};

/** Start and end of each turn in seconds: about 14 characters a second plus a short pause. */
const timings = (turns: readonly ScriptedTurn[]): { start: number; end: number }[] => {
  let clock = 0.5;
  return turns.map((turn) => {
    const start = clock;
    const end = start + Math.max(1.2, turn.text.length / 14);
    clock = end + 0.4;
    return { start, end };
  });
};

/** One call's turns as transcript text in the given format, with the speakers labelled as that format would. */
export const renderTranscript = (
  turns: readonly ScriptedTurn[],
  format: DemoFormat,
  names: { agent: string; customer: string },
): string => {
  const times = timings(turns);
  const nameOf = (turn: ScriptedTurn): string => (turn.role === 'agent' ? names.agent : names.customer);
  switch (format) {
    case 'vtt-voice':
      return `WEBVTT\n\n${turns
        .map((turn, index) => {
          const time = times[index] ?? { start: 0, end: 0 };
          return `${index + 1}\n${timestamp(time.start, '.')} --> ${timestamp(time.end, '.')}\n<v ${nameOf(turn)}>${turn.text}</v>\n`;
        })
        .join('\n')}`;
    case 'vtt-names':
      return `WEBVTT\n\n${turns
        .map((turn, index) => {
          const time = times[index] ?? { start: 0, end: 0 };
          return `${timestamp(time.start, '.')} --> ${timestamp(time.end, '.')}\n${nameOf(turn)}: ${turn.text}\n`;
        })
        .join('\n')}`;
    case 'srt':
      return turns
        .map((turn, index) => {
          const time = times[index] ?? { start: 0, end: 0 };
          return `${index + 1}\n${timestamp(time.start, ',')} --> ${timestamp(time.end, ',')}\n${turn.role === 'agent' ? 'Agent' : 'Customer'}: ${turn.text}\n`;
        })
        .join('\n');
    case 'text':
      return `${turns.map((turn) => `${turn.role === 'agent' ? names.agent : 'Customer'}: ${turn.text}`).join('\n')}\n`;
    case 'json':
      return `${JSON.stringify(
        {
          turns: turns.map((turn, index) => ({
            role: turn.role,
            name: nameOf(turn),
            text: turn.text,
            start: Math.round((times[index]?.start ?? 0) * 10) / 10,
          })),
        },
        null,
        2,
      )}\n`;
  }
};
