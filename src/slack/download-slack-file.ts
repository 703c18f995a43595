import { AppError } from '../domain/app-error.ts';
import { transcriptTooLargeError } from '../ingest/ingest-errors.ts';

/** The part of a Slack file object (`files[]` of a message) a download needs. */
export interface SlackFileRef {
  name?: string | undefined;
  /** Bytes, as Slack reports it. */
  size?: number | undefined;
  url_private?: string | undefined;
  url_private_download?: string | undefined;
}

export interface DownloadSlackFileOptions {
  /** The bot token: sent as `Authorization: Bearer`, only to the origins below. */
  token: string;
  /** `ingest.maxBytes`: refused by the declared size before downloading, and cut off while reading. */
  maxBytes: number;
  /** Origins the token may be sent to: Slack's file hosts (or SLACK_FILES_URL's), never a Web API origin (ADR 0026). */
  allowedOrigins: readonly string[];
  timeoutMs?: number;
}

const downloadFailed = (logMessage: string): AppError =>
  new AppError(
    'slack_file_download_failed',
    'I could not download the attached file from Slack. Post it again in a minute; if it keeps failing, ask your floorready admin to check that the app has the `files:read` scope and is reinstalled.',
    { logMessage },
  );

/**
 * The content of a file posted in Slack (`url_private` with the bot token). A file whose declared size is
 * over `maxBytes` is refused before any byte is fetched; a body that turns out larger is cut off.
 */
export const downloadSlackFile = async (file: SlackFileRef, options: DownloadSlackFileOptions): Promise<Buffer> => {
  if (typeof file.size === 'number' && file.size > options.maxBytes) throw transcriptTooLargeError(file.size, options.maxBytes);
  const url = file.url_private_download ?? file.url_private;
  if (!url) throw downloadFailed('the file has no url_private');
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    throw downloadFailed(`unparsable url_private ${url}`);
  }
  if (!options.allowedOrigins.includes(origin))
    throw downloadFailed(`url_private on ${origin}, not a Slack file host: the token is not sent there`);

  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${options.token}` },
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new AppError('slack_file_download_failed', downloadFailed('').userMessage, {
      cause: error,
      logMessage: `file download failed: ${String(error)}`,
    });
  }
  // Without files:read Slack answers its sign-in page (HTML), not the file.
  if (!response.ok || (response.headers.get('content-type') ?? '').startsWith('text/html')) {
    await response.body?.cancel();
    throw downloadFailed(`file download answered ${response.status} ${response.headers.get('content-type') ?? ''}`);
  }

  const chunks: Buffer[] = [];
  let total = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      total += chunk.byteLength;
      if (total > options.maxBytes) {
        await response.body.cancel().catch(() => {});
        throw transcriptTooLargeError(total, options.maxBytes);
      }
      chunks.push(Buffer.from(chunk));
    }
  }
  return Buffer.concat(chunks);
};
