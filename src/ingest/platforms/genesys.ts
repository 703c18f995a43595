import type { RawTurn } from '../raw-turn.ts';
import {
  arrayAt,
  callIdFrom,
  dateFrom,
  earliest,
  metadataOf,
  startedAtFrom,
  inTimeOrder,
  isObject,
  numberAt,
  platformFieldMissingError,
  rawTurn,
  roleFromPlatformValue,
  textAt,
  type JsonObject,
  type PlatformParser,
} from './platform-parser.ts';

/** Epoch milliseconds (Genesys phrases carry absolute times) rather than an offset. */
const EPOCH_MS = 1e11;

/**
 * Genesys Cloud speech and text analytics transcript (the JSON behind the conversation's transcript
 * URL): `transcripts[].phrases[]` with `text` (and the punctuated `decoratedText`, preferred),
 * `startTimeMs` and `participantPurpose` (internal = the agent, external = the customer; IVR and ACD
 * phrases are left out). Starts become seconds from `conversationStartTime`, else from the first phrase.
 * https://developer.genesys.cloud/analyticsdatamanagement/speechtextanalytics/transcript-url
 */
export const genesys: PlatformParser = {
  id: 'genesys',
  name: 'Genesys Cloud',
  whatToExport:
    'the conversation transcript JSON (GET /api/v2/speechandtextanalytics/conversations/{conversationId}/communications/{communicationId}/transcripturl, then the file at that URL)',
  looksLike: (data) =>
    isObject(data) && (arrayAt(data, 'transcripts') ?? []).some((transcript) => isObject(transcript) && 'phrases' in transcript),
  metadata: (data) => {
    const record = data as JsonObject;
    const phraseTimes = (arrayAt(record, 'transcripts') ?? [])
      .filter(isObject)
      .flatMap((transcript) =>
        (arrayAt(transcript, 'phrases') ?? []).filter(isObject).map((phrase) => numberAt(phrase, 'startTimeMs') ?? Number.NaN),
      );
    const first = earliest(phraseTimes.filter((time) => time > EPOCH_MS));
    const lines = Number.isFinite(first)
      ? { at: dateFrom(first) as Date, field: 'transcripts[].phrases[].startTimeMs (earliest)' }
      : undefined;
    return metadataOf(startedAtFrom(record, 'conversationStartTime') ?? lines, callIdFrom(record, 'conversationId'));
  },
  parse: (data) => {
    const record = data as JsonObject;
    const phrases: { phrase: JsonObject; path: string }[] = [];
    (arrayAt(record, 'transcripts') ?? []).forEach((transcript, t) => {
      if (!isObject(transcript)) return;
      const list = arrayAt(transcript, 'phrases');
      if (list === null) throw platformFieldMissingError(genesys, `transcripts[${t}].phrases`);
      list.forEach((phrase, p) => {
        if (isObject(phrase)) phrases.push({ phrase, path: `transcripts[${t}].phrases[${p}]` });
      });
    });
    const times = phrases.map(({ phrase }) => numberAt(phrase, 'startTimeMs')).filter((time): time is number => time !== undefined);
    const absolute = times.some((time) => time > EPOCH_MS);
    const origin = absolute ? (numberAt(record, 'conversationStartTime') ?? earliest(times)) : 0;
    const turns = phrases.map(({ phrase, path }): RawTurn | null => {
      if (!('participantPurpose' in phrase)) throw platformFieldMissingError(genesys, `${path}.participantPurpose`);
      const role = roleFromPlatformValue(phrase.participantPurpose);
      if (role === null) return null;
      const text = textAt(phrase, 'decoratedText') || textAt(phrase, 'text');
      const time = numberAt(phrase, 'startTimeMs');
      return rawTurn({ speaker: null, role, text, start: time === undefined ? undefined : (time - origin) / 1000 });
    });
    return inTimeOrder(turns.filter((turn): turn is RawTurn => turn !== null));
  },
};
