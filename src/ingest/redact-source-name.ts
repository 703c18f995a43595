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
 * `calls/call_+447700900123_jane@x.com.txt` is stored as `calls/call [PHONE] [EMAIL].txt`.
 */
export const redactSourceName = (name: string): string =>
  removeUnstorableCharacters(name)
    .split(/([\\/])/)
    .map((segment) => {
      if (segment === '/' || segment === '\\' || segment === '' || SLACK_MESSAGE_TS.test(segment)) return segment;
      const extension = EXTENSION.exec(segment)?.[1] ?? '';
      const stem = segment.slice(0, segment.length - extension.length);
      const spaced = stem.replace(/_/g, ' ');
      const redacted = redactPii(spaced).text;
      return redacted === spaced ? segment : `${redacted}${extension}`;
    })
    .join('');
