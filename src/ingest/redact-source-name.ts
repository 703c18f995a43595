import { redactPii } from './redact-pii.ts';
import { removeUnstorableCharacters } from './remove-unstorable-characters.ts';

const EXTENSION = /(\.[A-Za-z0-9]{1,5})$/;

/**
 * A Slack message timestamp (`1790000000.000002`: seconds, a dot, six digits), which the channel ingest
 * stores as `<channel>/<ts>` to find the thread again. Not personal data, yet 16 digits can pass the
 * card check: kept as it is.
 */
const SLACK_MESSAGE_TS = /^\d{9,10}\.\d{6}$/;

/**
 * A file name or path fit to store: each path segment run through the PII redaction with `_` read as a
 * space (people name files `call_+447700900123_jane@x.com.txt`), the extension kept (a segment without
 * PII is kept exactly as it was), so
 * `calls/call_+447700900123_jane@x.com.txt` is stored as `calls/call [PHONE] [EMAIL].txt`, and
 * `jane@x.com/call.txt` as `[EMAIL]/call.txt`.
 */
export const redactSourceName = (name: string): string =>
  removeUnstorableCharacters(name)
    .split(/([\\/])/)
    .map((segment) => {
      if (segment === '/' || segment === '\\' || segment === '' || SLACK_MESSAGE_TS.test(segment)) return segment;
      let redacted = redactedSegments.get(segment);
      if (redacted === undefined) {
        redacted = redactSegment(segment);
        if (redactedSegments.size >= SEGMENTS_KEPT) redactedSegments.clear();
        redactedSegments.set(segment, redacted);
      }
      return redacted;
    })
    .join('');

/**
 * One segment: its stem (the extension kept), or, when the stem holds nothing, the whole segment, so a folder
 * or file named like an email (`jane@x.com`, whose `.com` reads as an extension) is redacted too.
 */
const redactSegment = (segment: string): string => {
  const extension = EXTENSION.exec(segment)?.[1] ?? '';
  const stem = segment.slice(0, segment.length - extension.length).replace(/_/g, ' ');
  const redacted = redactPii(stem).text;
  if (redacted !== stem) return `${redacted}${extension}`;
  if (extension === '') return segment;
  const whole = segment.replace(/_/g, ' ');
  const wholeRedacted = redactPii(whole).text;
  return wholeRedacted === whole ? segment : wholeRedacted;
};

/**
 * Segments already redacted, by their text: the folders of an import's path are the same for each of its files
 * (a 500-file import redacted `tmp`, `exports`… 500 times, a millisecond a file). The redaction of a segment
 * depends on nothing else, so the answer is the same; at most this many are kept.
 */
const SEGMENTS_KEPT = 1_000;
const redactedSegments = new Map<string, string>();
