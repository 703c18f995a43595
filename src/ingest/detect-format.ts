import { normalizeNewlines } from './normalize-newlines.ts';
import { looksLikeTranscriptCsv } from './platforms/csv.ts';
import type { TranscriptFormat } from './raw-turn.ts';
import { CUE_TIMING } from './split-caption-cues.ts';
import { splitSpeakerLabel } from './split-speaker-label.ts';

const WEBVTT_HEADER = /^WEBVTT(?:[ \t\n]|$)/;
/** Looks like JSON text: an object with a key or an array of objects (or empty brackets). */
const JSON_LIKE = /^(?:\{\s*["}]|\[\s*[{\]])/;
const SRT_CUE_START = /^\d+[ \t]*\n[ \t]*(?:\d+:)?\d{1,2}:\d{2},\d{1,3}\s*-->/;

const extensionOf = (fileName: string | undefined): string => {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName ?? '');
  return match?.[1]?.toLowerCase() ?? '';
};

const parsesAsJson = (text: string): boolean => {
  if (!/^[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/**
 * The format of a transcript, by its content: a `WEBVTT` header is WebVTT; JSON text is JSON; numbered
 * cues with `-->` timings are SRT; a header row naming a text and a speaker (or role) column is a
 * per-utterance CSV; `Speaker:` lines are plain text. The file name's extension only breaks
 * ties (timed cues with no header: `.vtt` or `.srt`), names the format when the content is broken JSON
 * (`.json`), and lets unlabelled prose in a `.txt` file (or pasted text) be read as text so the user hears
 * that speaker labels are missing. Null when nothing fits (XML, HTML, a spreadsheet …).
 */
export const detectFormat = (input: string, fileName?: string): TranscriptFormat | null => {
  const text = normalizeNewlines(input).trimStart();
  const extension = extensionOf(fileName);
  if (WEBVTT_HEADER.test(text)) return 'vtt';
  if (JSON_LIKE.test(text) || parsesAsJson(text)) return 'json';
  if (SRT_CUE_START.test(text)) return 'srt';
  if (looksLikeTranscriptCsv(text)) return 'csv';
  const lines = text.split('\n');
  const timing = lines.find((line) => CUE_TIMING.test(line));
  if (timing !== undefined) {
    if (extension === 'vtt' || extension === 'srt') return extension;
    if (/<v[ .>]/.test(text)) return 'vtt';
    return timing.includes(',') ? 'srt' : 'vtt';
  }
  if (text.startsWith('<')) return null;
  if (lines.some((line) => splitSpeakerLabel(line) !== null)) return 'text';
  if (extension === 'json') return 'json';
  if (extension === '' || extension === 'txt' || extension === 'text') return 'text';
  return null;
};
