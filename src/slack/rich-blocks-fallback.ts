import type { PlainSlackMessage, SlackMessage } from './blocks/limits.ts';

// When Slack refuses what a message shows beyond text (a table block, an image of an uploaded file),
// the message still goes out, once, with its text tables and no picture; the refusal is logged once per
// process and kind, with what to fix. ADR 0034.

/** Slack errors that mean "these blocks cannot be shown here", not "this message cannot be sent". */
const BLOCK_REFUSALS = new Set(['invalid_blocks', 'invalid_blocks_format', 'unsupported_block_type', 'invalid_attachments']);

export const isBlocksRefusal = (code: string): boolean => BLOCK_REFUSALS.has(code);

/** What to do about a Slack error met while uploading a chart or showing rich blocks. */
export const fixFor = (code: string): string => {
  if (code === 'missing_scope' || code === 'not_allowed_token_type' || code === 'no_permission') {
    return 'add the files:write bot scope (it is in manifest.yml), then reinstall the app to the workspace';
  }
  if (isBlocksRefusal(code)) {
    return 'nothing to change in floorready: this Slack surface or client refused table/image blocks, so the text tables were sent; update the Slack client or workspace if it persists';
  }
  if (code === 'chart_no_fonts') return 'install a font on the server (apt-get install fonts-dejavu-core)';
  if (
    /^(5\d\d|internal_error|fatal_error|service_unavailable|request_timeout)/.test(code) ||
    /\b5\d\d\b|ECONN|ETIMEDOUT|socket/i.test(code)
  ) {
    return 'Slack or the network failed for a moment; nothing to change, the next message tries again';
  }
  return 'see the Slack error code in https://docs.slack.dev/reference/methods';
};

export interface RichFallbackLog {
  /** Logs a refusal the first time this kind and code is met in this process; later ones are counted only. */
  refused(kind: 'chart' | 'blocks', code: string, context: Record<string, unknown>): void;
  /** How many refusals of each `kind:code` were met (logged or not). */
  counts(): Record<string, number>;
}

export const createRichFallbackLog = (log: (message: string, extra: Record<string, unknown>) => void): RichFallbackLog => {
  const seen = new Map<string, number>();
  return {
    refused(kind, code, context) {
      const key = `${kind}:${code}`;
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      if (count > 1) return;
      const what =
        kind === 'chart'
          ? 'the trend chart could not be drawn or uploaded, so messages go without it'
          : 'Slack refused the table/image blocks, so the text version was sent';
      log(`${what} (${code}): to fix, ${fixFor(code)}. Logged once; later ones are not.`, { kind, code, ...context });
    },
    counts: () => Object.fromEntries(seen),
  };
};

/**
 * Whether Slack's refusal names an image's `slack_file`: a file uploaded a moment ago may not be ready
 * to show yet ("invalid slack file"), which a second try a little later gets past.
 */
export const refusesSlackFile = (error: unknown): boolean => {
  const data = (error as { data?: { errors?: unknown; response_metadata?: { messages?: unknown } } } | null)?.data;
  return JSON.stringify([data?.errors ?? null, data?.response_metadata?.messages ?? null]).includes('slack_file');
};

export interface SendWithFallbackOptions {
  errorCode: (error: unknown) => string;
  log: RichFallbackLog;
  context: Record<string, unknown>;
  /** Waits before the one retry of a message whose image file was not ready; none when absent. */
  sleep?: (ms: number) => Promise<void>;
}

/** How long a just-uploaded file gets to become showable before the one retry. */
export const FILE_READY_RETRY_MS = 1_500;

/**
 * Sends the message; when Slack refuses its blocks and it has a fallback (text tables, no image),
 * sends that instead, once, and logs the refusal once. A refusal of a just-uploaded image file is tried
 * once more after FILE_READY_RETRY_MS first. Any other error is the caller's.
 */
export const sendWithFallback = async <T>(
  message: SlackMessage,
  send: (message: PlainSlackMessage) => Promise<T>,
  options: SendWithFallbackOptions,
): Promise<T> => {
  const { fallback, ...rich } = message;
  let refusal: unknown;
  try {
    return await send(rich);
  } catch (error) {
    if (!fallback || !isBlocksRefusal(options.errorCode(error))) throw error;
    refusal = error;
  }
  if (options.sleep && refusesSlackFile(refusal)) {
    await options.sleep(FILE_READY_RETRY_MS);
    try {
      return await send(rich);
    } catch (error) {
      if (!isBlocksRefusal(options.errorCode(error))) throw error;
      refusal = error;
    }
  }
  options.log.refused('blocks', options.errorCode(refusal), options.context);
  return send(fallback);
};
