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
  platformFieldMissingError,
  rawTurn,
  textAt,
  type JsonObject,
  type PlatformParser,
} from './platform-parser.ts';

/**
 * Dialpad AI transcript (`GET /api/v2/transcripts/{call_id}`): `lines[]` with `type` ("transcript", or a
 * moment, which is left out), `content`, `name`, `time` (date-time) and `user_id` (a Dialpad user: the
 * agent's side) or `contact_id` (the customer). Starts are seconds from the first line.
 * https://developers.dialpad.com/reference/transcriptsget
 */
export const dialpad: PlatformParser = {
  id: 'dialpad',
  name: 'Dialpad',
  whatToExport: 'the call transcript JSON (GET https://dialpad.com/api/v2/transcripts/{call_id})',
  looksLike: (data) =>
    isObject(data) &&
    (arrayAt(data, 'lines') ?? []).some(
      (line) => isObject(line) && 'content' in line && ('user_id' in line || 'contact_id' in line || 'type' in line),
    ),
  metadata: (data) => {
    const times = (arrayAt(data as JsonObject, 'lines') ?? [])
      .filter(isObject)
      .map((line) => (typeof line.time === 'string' ? Date.parse(line.time) : Number.NaN));
    const first = earliest(times.filter((time) => !Number.isNaN(time)));
    const lines = Number.isFinite(first) ? { at: dateFrom(first) as Date, field: 'lines[].time (earliest)' } : undefined;
    return metadataOf(startedAtFrom(data, 'date_started', 'call.date_started') ?? lines, callIdFrom(data, 'call_id', 'call.call_id'));
  },
  parse: (data) => {
    const lines = (arrayAt(data as JsonObject, 'lines') ?? []).filter(isObject);
    const spoken = lines.filter((line) => line.type === undefined || line.type === null || line.type === 'transcript');
    const times = spoken.map((line) => (typeof line.time === 'string' ? Date.parse(line.time) : Number.NaN));
    const first = earliest(times);
    const turns = spoken.map((line, index): RawTurn => {
      const userId = line.user_id;
      const contactId = line.contact_id;
      if ((userId === undefined || userId === null) && (contactId === undefined || contactId === null) && !textAt(line, 'name')) {
        throw platformFieldMissingError(
          dialpad,
          `lines[${lines.indexOf(line)}].user_id`,
          'and `contact_id` and `name` are all missing (who spoke)',
        );
      }
      const role =
        userId !== undefined && userId !== null ? 'agent' : contactId !== undefined && contactId !== null ? 'customer' : undefined;
      const time = times[index] ?? Number.NaN;
      return rawTurn({
        speaker: textAt(line, 'name') || null,
        ...(role ? { role } : {}),
        text: textAt(line, 'content'),
        start: Number.isNaN(time) || !Number.isFinite(first) ? undefined : (time - first) / 1000,
      });
    });
    return inTimeOrder(turns);
  },
};
