/**
 * Where the bot token may be sent to download a file posted in Slack (ADR 0026). Slack serves
 * `url_private` from its file hosts, never from the Web API; a file event is input from whoever posted
 * it, so a `url_private` on any other origin (the Web API's own `slack.com/api/chat.postMessage?…`, a
 * workspace's `*.slack.com`, anyone's server) is refused before a byte is sent.
 */
export const SLACK_FILE_ORIGINS: readonly string[] = ['https://files.slack.com', 'https://files.slack-gov.com'];

/** The Web API's origin in production (`https://slack.com/api/`). */
const SLACK_WEB_API_ORIGIN = 'https://slack.com';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why `filesUrl` (SLACK_FILES_URL) cannot be the file host, or null when it can: https unless it is on
 * loopback (a test's fake), and never a Web API origin (Slack's, or SLACK_API_URL's).
 */
export const fileOriginProblem = (filesUrl: string, apiUrl: string | undefined): string | null => {
  const files = new URL(filesUrl);
  if (files.protocol !== 'https:' && !LOOPBACK_HOSTS.has(files.hostname)) {
    return `must be an https:// URL (the bot token is sent there), got ${JSON.stringify(filesUrl)}; http:// is only for a test server on 127.0.0.1`;
  }
  const apiOrigins = [SLACK_WEB_API_ORIGIN, ...(apiUrl && URL.canParse(apiUrl) ? [new URL(apiUrl).origin] : [])];
  if (apiOrigins.includes(files.origin) || (files.hostname.endsWith('.slack.com') && !SLACK_FILE_ORIGINS.includes(files.origin))) {
    return `must be a file host, not the Web API's origin ${files.origin}: a file URL there would spend the bot token on an API call (e.g. SLACK_FILES_URL=https://files.slack.com)`;
  }
  return null;
};
