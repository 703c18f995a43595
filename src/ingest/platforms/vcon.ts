import type { RawTurn } from '../raw-turn.ts';
import { parseText } from '../parse-text.ts';
import {
  arrayAt,
  callIdFrom,
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

interface Party {
  label: string;
  role: 'agent' | 'customer' | null;
}

const partyList = (record: JsonObject): Party[] =>
  (arrayAt(record, 'parties') ?? []).map((party, index) => {
    const value = isObject(party) ? party : {};
    return {
      label: textAt(value, 'name') || textAt(value, 'mailto') || textAt(value, 'tel') || `Party ${index}`,
      role: roleFromPlatformValue(value.role),
    };
  });

const partyTurn = (parties: readonly Party[], index: number | undefined, text: string, start: number | undefined): RawTurn => {
  const party = index === undefined ? undefined : parties[index];
  return rawTurn({
    speaker: party?.label ?? (index === undefined ? null : `Party ${index}`),
    ...(party?.role ? { role: party.role } : {}),
    text,
    start,
  });
};

/** A Deepgram body (the vendor in the IETF draft's examples): paragraphs or utterances with a speaker number. */
const fromDeepgram = (body: JsonObject): RawTurn[] | null => {
  const results = isObject(body.results) ? body.results : null;
  if (!results) return null;
  const utterances = arrayAt(results, 'utterances');
  if (utterances) {
    return utterances
      .filter(isObject)
      .map((u) =>
        rawTurn({ speaker: `Speaker ${numberAt(u, 'speaker') ?? 0}`, text: textAt(u, 'transcript'), start: numberAt(u, 'start') }),
      );
  }
  const channel = (arrayAt(results, 'channels') ?? []).find(isObject);
  const alternative = channel ? (arrayAt(channel, 'alternatives') ?? []).find(isObject) : undefined;
  const paragraphs = alternative && isObject(alternative.paragraphs) ? arrayAt(alternative.paragraphs, 'paragraphs') : null;
  if (!paragraphs) return null;
  return paragraphs.filter(isObject).map((paragraph) =>
    rawTurn({
      speaker: `Speaker ${numberAt(paragraph, 'speaker') ?? 0}`,
      text: (arrayAt(paragraph, 'sentences') ?? [])
        .filter(isObject)
        .map((sentence) => textAt(sentence, 'text'))
        .join(' '),
      start: numberAt(paragraph, 'start'),
    }),
  );
};

/** A transcript analysis body: `Speaker: text` lines, a list of `{party|speaker, text, start}`, or a Deepgram result. */
const fromAnalysisBody = (rawBody: unknown, encoding: unknown, parties: readonly Party[]): RawTurn[] | null => {
  let body = rawBody;
  if (typeof body === 'string' && encoding === 'json') {
    try {
      body = JSON.parse(body);
    } catch {
      return null;
    }
  }
  if (typeof body === 'string') return parseText(body);
  if (Array.isArray(body)) {
    return body.filter(isObject).map((entry) => {
      const party = numberAt(entry, 'party') ?? numberAt(entry, 'originator');
      const text = textAt(entry, 'text') || textAt(entry, 'transcript');
      const start = numberAt(entry, 'start');
      return party === undefined
        ? rawTurn({ speaker: textAt(entry, 'speaker') || null, text, start })
        : partyTurn(parties, party, text, start);
    });
  }
  return isObject(body) ? fromDeepgram(body) : null;
};

/**
 * vCon, the IETF conversation container (draft-ietf-vcon-vcon-core): `parties[]` (name, tel, mailto,
 * role), `dialog[]` and `analysis[]`. The turns come from an `analysis` entry of type "transcript"
 * (a list of party turns, `Speaker: text` lines, or a Deepgram result as in the draft's examples), else
 * from the `dialog` entries of type "text" (chat), each spoken by its `originator` (or first party).
 * A party's `role` (agent / customer) is used when present.
 * https://datatracker.ietf.org/doc/draft-ietf-vcon-vcon-core/
 */
export const vcon: PlatformParser = {
  id: 'vcon',
  name: 'vCon',
  whatToExport: 'the vCon JSON with a transcript analysis (analysis[].type "transcript") or text dialogs',
  looksLike: (data) => isObject(data) && typeof data.vcon === 'string' && ('dialog' in data || 'parties' in data || 'analysis' in data),
  participantNames: (data) =>
    (arrayAt(data as JsonObject, 'parties') ?? [])
      .filter(isObject)
      .filter((party) => roleFromPlatformValue(party.role) !== 'agent')
      .map((party) => textAt(party, 'name'))
      .filter((name) => name !== ''),
  metadata: (data) => metadataOf(startedAtFrom(data, 'created_at', 'dialog.0.start'), callIdFrom(data, 'uuid')),
  parse: (data) => {
    const record = data as JsonObject;
    const parties = partyList(record);
    const transcripts = (arrayAt(record, 'analysis') ?? []).filter(isObject).filter((analysis) => analysis.type === 'transcript');
    for (const analysis of transcripts) {
      const turns = fromAnalysisBody(analysis.body, analysis.encoding, parties);
      if (turns && turns.length > 0) return inTimeOrder(turns);
    }
    const dialogs = (arrayAt(record, 'dialog') ?? []).filter(isObject);
    const texts = dialogs.filter((dialog) => dialog.type === 'text');
    if (texts.length === 0) {
      throw platformFieldMissingError(
        vcon,
        'analysis[].type "transcript"',
        transcripts.length > 0
          ? 'has a body floorready cannot read (expected party turns, "Speaker: text" lines or a Deepgram result)'
          : 'is missing, and there are no text dialogs (dialog[].type "text")',
      );
    }
    const origin = earliest(texts.map((dialog) => (typeof dialog.start === 'string' ? Date.parse(dialog.start) : Number.NaN)));
    return inTimeOrder(
      texts.map((dialog) => {
        const speakers = arrayAt(dialog, 'parties') ?? [];
        const originator = numberAt(dialog, 'originator') ?? (typeof speakers[0] === 'number' ? speakers[0] : undefined);
        const time = typeof dialog.start === 'string' ? Date.parse(dialog.start) : Number.NaN;
        return partyTurn(
          parties,
          originator,
          textAt(dialog, 'body'),
          Number.isNaN(time) || !Number.isFinite(origin) ? undefined : (time - origin) / 1000,
        );
      }),
    );
  },
};
