import { AppError } from '../../domain/app-error.ts';
import type { RawTurn } from '../raw-turn.ts';
import {
  arrayAt,
  callIdFrom,
  inTimeOrder,
  metadataOf,
  startedAtFrom,
  isObject,
  numberAt,
  platformFieldMissingError,
  rawTurn,
  textAt,
  type JsonObject,
  type PlatformParser,
} from './platform-parser.ts';

interface Party {
  label: string | null;
  role: 'agent' | 'customer' | null;
}

/** Parties from `/v2/calls/extensive` (`calls[].parties[]`, or `parties[]`): `speakerId` → name and affiliation. */
const partiesOf = (record: JsonObject, callId: unknown): Map<string, Party> => {
  const calls = (arrayAt(record, 'calls') ?? []).filter(isObject);
  const call = calls.find((candidate) => isObject(candidate.metaData) && candidate.metaData.id === callId) ?? calls[0];
  const list = arrayAt(record, 'parties') ?? (call ? arrayAt(call, 'parties') : null) ?? [];
  const parties = new Map<string, Party>();
  for (const party of list) {
    if (!isObject(party) || (typeof party.speakerId !== 'string' && typeof party.speakerId !== 'number')) continue;
    const affiliation = typeof party.affiliation === 'string' ? party.affiliation.toLowerCase() : '';
    parties.set(String(party.speakerId), {
      label: textAt(party, 'name') || null,
      role: affiliation === 'internal' ? 'agent' : affiliation === 'external' ? 'customer' : null,
    });
  }
  return parties;
};

/**
 * Gong call transcripts (`POST /v2/calls/transcript`): `callTranscripts[].transcript[]` monologues with
 * `speakerId` and `sentences[]` (`start` in milliseconds, `text`). With the call's `parties[]` from
 * `/v2/calls/extensive` in the same file, speakers get their names and roles (affiliation Internal = the
 * agent); otherwise the agent is found by name introduced in a turn, else `--agent-speaker <speakerId>`.
 * https://gong.app.gong.io/settings/api/documentation#post-/v2/calls/transcript
 */
export const gong: PlatformParser = {
  id: 'gong',
  name: 'Gong',
  whatToExport:
    'the call transcript JSON (POST /v2/calls/transcript with the call id), optionally with the call\'s "parties" from POST /v2/calls/extensive',
  looksLike: (data) => isObject(data) && Array.isArray(data.callTranscripts),
  // `started` from /v2/calls/extensive (calls[].metaData.started) when the file holds it, or beside the transcript.
  metadata: (data) =>
    metadataOf(
      startedAtFrom(data, 'calls.0.metaData.started', 'metaData.started', 'started', 'callTranscripts.0.started'),
      callIdFrom(data, 'callTranscripts.0.callId', 'calls.0.metaData.id'),
    ),
  parse: (data) => {
    const record = data as JsonObject;
    const calls = (arrayAt(record, 'callTranscripts') ?? []).filter(isObject);
    if (calls.length === 0) throw platformFieldMissingError(gong, 'callTranscripts[0]', 'is missing (the response holds no call)');
    if (calls.length > 1) {
      throw new AppError(
        'transcript_several_calls',
        `This Gong file holds ${calls.length} calls; floorready imports one call per file. Request the transcript of one call id per file.`,
      );
    }
    const call = calls[0] as JsonObject;
    const monologues = arrayAt(call, 'transcript');
    if (monologues === null) throw platformFieldMissingError(gong, 'callTranscripts[0].transcript');
    const parties = partiesOf(record, call.callId);
    const turns: RawTurn[] = [];
    monologues.forEach((monologue, m) => {
      if (!isObject(monologue)) return;
      if (typeof monologue.speakerId !== 'string' && typeof monologue.speakerId !== 'number') {
        throw platformFieldMissingError(gong, `callTranscripts[0].transcript[${m}].speakerId`);
      }
      const sentences = arrayAt(monologue, 'sentences');
      if (sentences === null) throw platformFieldMissingError(gong, `callTranscripts[0].transcript[${m}].sentences`);
      const party = parties.get(String(monologue.speakerId));
      const sentenceList = sentences.filter(isObject);
      turns.push(
        rawTurn({
          speaker: party?.label ?? String(monologue.speakerId),
          ...(party?.role ? { role: party.role } : {}),
          text: sentenceList
            .map((sentence) => textAt(sentence, 'text'))
            .filter((text) => text !== '')
            .join(' '),
          start: sentenceList[0] === undefined ? undefined : (numberAt(sentenceList[0], 'start') ?? Number.NaN) / 1000,
        }),
      );
    });
    return inTimeOrder(turns);
  },
};
