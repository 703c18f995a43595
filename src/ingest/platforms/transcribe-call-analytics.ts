import { hasAwsTranscript, readAwsRoleTranscript } from './aws-role-transcript.ts';
import { callIdFrom, metadataOf, type PlatformParser } from './platform-parser.ts';

/**
 * Amazon Transcribe Call Analytics output: `Transcript[]` with `ParticipantRole` (AGENT / CUSTOMER),
 * `Content` and `BeginOffsetMillis`, beside `ChannelDefinitions` (which channel was the agent) and the
 * job's `JobName`. https://docs.aws.amazon.com/transcribe/latest/dg/tca-output-batch.html
 */
export const transcribeCallAnalytics: PlatformParser = {
  id: 'transcribe-call-analytics',
  name: 'Amazon Transcribe Call Analytics',
  whatToExport: "the Call Analytics job output JSON (the file at the job's TranscriptFileUri)",
  looksLike: (data) => hasAwsTranscript(data) && ('JobName' in data || 'ChannelDefinitions' in data),
  parse: (data) => readAwsRoleTranscript(transcribeCallAnalytics, data),
  metadata: (data) => metadataOf(undefined, callIdFrom(data, 'JobName')),
};
