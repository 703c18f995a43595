import type { RawTurn } from '../raw-turn.ts';
import {
  arrayAt,
  inTimeOrder,
  isObject,
  numberAt,
  platformFieldMissingError,
  rawTurn,
  roleFromPlatformValue,
  secondsFromMillis,
  textAt,
  type JsonObject,
  type PlatformParser,
} from './platform-parser.ts';

/**
 * The `Transcript[]` that Amazon Connect Contact Lens and Amazon Transcribe Call Analytics both write:
 * `{Content, BeginOffsetMillis, ParticipantRole | ParticipantId}` per turn, the role either on the turn
 * (Call Analytics) or through `Participants[].ParticipantId → ParticipantRole` (Contact Lens). Turns of
 * other roles (SYSTEM, CUSTOM_BOT, SUPERVISOR) are left out: they are not the agent or the customer.
 */
export const readAwsRoleTranscript = (platform: PlatformParser, data: unknown): RawTurn[] => {
  const record = data as JsonObject;
  const entries = arrayAt(record, 'Transcript');
  if (entries === null) throw platformFieldMissingError(platform, 'Transcript', 'is missing (the array of turns)');
  const roleById = new Map<string, unknown>();
  for (const participant of arrayAt(record, 'Participants') ?? []) {
    if (isObject(participant) && typeof participant.ParticipantId === 'string')
      roleById.set(participant.ParticipantId, participant.ParticipantRole);
  }
  const turns = entries.map((entry, index): RawTurn | null => {
    if (!isObject(entry)) throw platformFieldMissingError(platform, `Transcript[${index}]`, 'is not an object');
    if (typeof entry.Content !== 'string') throw platformFieldMissingError(platform, `Transcript[${index}].Content`);
    const roleValue = entry.ParticipantRole ?? (typeof entry.ParticipantId === 'string' ? roleById.get(entry.ParticipantId) : undefined);
    if (roleValue === undefined) {
      throw platformFieldMissingError(
        platform,
        `Transcript[${index}].ParticipantRole`,
        `is missing (and ${typeof entry.ParticipantId === 'string' ? `ParticipantId "${entry.ParticipantId}" is not in Participants[]` : 'there is no ParticipantId'})`,
      );
    }
    const role = roleFromPlatformValue(roleValue);
    if (role === null) return null;
    return rawTurn({ speaker: null, role, text: textAt(entry, 'Content'), start: secondsFromMillis(numberAt(entry, 'BeginOffsetMillis')) });
  });
  return inTimeOrder(turns.filter((turn): turn is RawTurn => turn !== null));
};

/** Whether the object has a `Transcript` array whose first turn carries `Content` (the AWS analytics shape). */
export const hasAwsTranscript = (data: unknown): data is JsonObject => {
  if (!isObject(data)) return false;
  const entries = arrayAt(data, 'Transcript');
  return entries !== null && (entries.length === 0 || (isObject(entries[0]) && 'Content' in entries[0]));
};
