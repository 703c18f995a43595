import { hasAwsTranscript, readAwsRoleTranscript } from './aws-role-transcript.ts';
import { arrayAt, callIdFrom, isObject, metadataOf, type PlatformParser } from './platform-parser.ts';

/**
 * Amazon Connect Contact Lens conversational analytics output (raw or redacted): `Participants[]`
 * (`ParticipantId` → `ParticipantRole` AGENT / CUSTOMER) and `Transcript[]` (`ParticipantId`,
 * `Content`, `BeginOffsetMillis`). The redacted file keeps `[PII]` where Contact Lens removed data;
 * those tokens are kept as they are (redactions, not words).
 * https://docs.aws.amazon.com/connect/latest/adminguide/contact-lens-example-output-files.html
 */
export const contactLens: PlatformParser = {
  id: 'contact-lens',
  name: 'Amazon Connect Contact Lens',
  whatToExport:
    'the Contact Lens analysis file of the contact (S3: Analysis/Voice/<date>/<contactId>_analysis_<time>.json, or Analysis/Voice/Redacted/… for the redacted one)',
  looksLike: (data) =>
    hasAwsTranscript(data) &&
    (arrayAt(data, 'Participants') ?? []).some((participant) => isObject(participant) && 'ParticipantId' in participant) &&
    !('JobName' in data),
  parse: (data) => readAwsRoleTranscript(contactLens, data),
  // The file holds no date: it is in the file's name (…_analysis_2026-09-30T14:05:00Z.json).
  metadata: (data) => metadataOf(undefined, callIdFrom(data, 'CustomerMetadata.ContactId', 'ContactId')),
};
