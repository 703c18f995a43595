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
  roleFromPlatformValue,
  textAt,
  type JsonObject,
  type PlatformParser,
} from './platform-parser.ts';

interface ChannelParticipant {
  label: string | null;
  role: 'agent' | 'customer' | null;
}

/** `channel.participants[]` of the Transcript resource: `channel_participant` N → `role` and `full_name`. */
const channelMap = (record: JsonObject): Map<number, ChannelParticipant> => {
  const channel = isObject(record.channel)
    ? record.channel
    : isObject(record.transcript) && isObject(record.transcript.channel)
      ? record.transcript.channel
      : null;
  const map = new Map<number, ChannelParticipant>();
  for (const participant of channel ? (arrayAt(channel, 'participants') ?? []) : []) {
    if (!isObject(participant)) continue;
    const number = numberAt(participant, 'channel_participant');
    if (number === undefined) continue;
    map.set(number, { label: textAt(participant, 'full_name') || null, role: roleFromPlatformValue(participant.role) });
  }
  return map;
};

/**
 * Twilio Conversational Intelligence transcript sentences (`GET /v2/Transcripts/{sid}/Sentences`):
 * `sentences[]` with `media_channel`, `transcript` and `start_time` (seconds). When the export also holds
 * the Transcript resource's `channel.participants[]` (`channel_participant` → `role` Agent / Customer),
 * roles come from there; otherwise the channels are "Channel 1", "Channel 2" and the agent is found by
 * name introduced in a turn, else `--agent-speaker "Channel 2"`.
 * https://www.twilio.com/docs/conversational-intelligence/api/transcript-sentence-subresource
 */
export const twilio: PlatformParser = {
  id: 'twilio',
  name: 'Twilio Conversational Intelligence',
  whatToExport:
    'the transcript\'s sentences (GET https://intelligence.twilio.com/v2/Transcripts/{TranscriptSid}/Sentences), optionally with the Transcript resource\'s "channel" object beside them',
  looksLike: (data) =>
    isObject(data) && (arrayAt(data, 'sentences') ?? []).some((sentence) => isObject(sentence) && 'media_channel' in sentence),
  // The Transcript resource's own fields beside the sentences (or under "transcript"), else a sentence's transcript_sid.
  metadata: (data) =>
    metadataOf(
      startedAtFrom(data, 'date_created', 'transcript.date_created'),
      callIdFrom(data, 'sid', 'transcript.sid', 'transcript_sid', 'sentences.0.transcript_sid'),
    ),
  parse: (data) => {
    const record = data as JsonObject;
    const participants = channelMap(record);
    const turns = (arrayAt(record, 'sentences') ?? []).map((sentence, index): RawTurn => {
      if (!isObject(sentence)) throw platformFieldMissingError(twilio, `sentences[${index}]`, 'is not an object');
      const channel = numberAt(sentence, 'media_channel');
      if (channel === undefined) throw platformFieldMissingError(twilio, `sentences[${index}].media_channel`);
      if (!('transcript' in sentence)) throw platformFieldMissingError(twilio, `sentences[${index}].transcript`);
      const participant = participants.get(channel);
      return rawTurn({
        speaker: participant?.label ?? `Channel ${channel}`,
        ...(participant?.role ? { role: participant.role } : {}),
        text: textAt(sentence, 'transcript'),
        start: numberAt(sentence, 'start_time'),
      });
    });
    return inTimeOrder(turns);
  },
};
