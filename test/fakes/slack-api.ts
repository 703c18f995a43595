/**
 * A fake Slack over real HTTP on 127.0.0.1 (ephemeral port), for tests that run the real Bolt app:
 *
 *   - the Web API at `apiUrl` (`clientOptions.slackApiUrl` / SLACK_API_URL): records every
 *     `POST /api/<method>` with its form-encoded arguments (`blocks`, `view`… parsed from their JSON
 *     strings) and answers `{ ok: true }` (`auth.test` answers with the bot's ids);
 *   - response URLs (`responseUrl(name)`): records what `respond()` posts there, as JSON.
 *
 *   const slack = await startFakeSlack();
 *   … run a command with response_url = slack.responseUrl('cmd-1') …
 *   const [answer] = await slack.waitForResponses('cmd-1', 1);
 *
 *   slack.failPosts({ channel: 'U0MAYA0001', error: 'internal_error', times: 2 });
 *   // the next 2 chat.postMessage calls to that channel answer { ok: false, error } (recorded with `error`)
 *   slack.rateLimitPosts({ channel: 'U0MAYA0001', retryAfterSeconds: 600, times: 1 });
 *   // the next chat.postMessage to that channel answers HTTP 429 with Retry-After (recorded with error 'ratelimited')
 *   // A chat.postMessage that succeeds answers with its channel and a unique `ts`, as Slack does.
 *   // views.open answers with the view and a new id (V0VIEW0001…), views.update with the view under its
 *   // view_id, chat.postEphemeral with a message_ts: every call is recorded in `calls`.
 *
 *   const url = slack.serveFile('call.txt', 'Agent: Hello…'); // a file's url_private, on the file host
 *   // GET url with `Authorization: Bearer <bot token>` answers the content (recorded in `downloads`); else 403
 *
 * Files are served from their own origin (`filesUrl`, as files.slack.com is not slack.com/api): the app is
 * told it with SLACK_FILES_URL, never derives it from the API's URL. The Web API also answers GET
 * `/api/<method>?<args>` (recorded like a POST), as Slack does, so a download sent to the API is seen.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  /** Form fields, with JSON-string fields (blocks, attachments, view) parsed. */
  args: Record<string, unknown>;
  authorization: string | undefined;
  /** Set when the fake answered `{ ok: false, error }` (see `failPosts`): the call did not take effect. */
  error?: string;
}

export interface PostFailure {
  /** Only chat.postMessage calls to this channel (a user id for a DM). */
  channel: string;
  /** The Slack error code answered. */
  error: string;
  /** How many posts fail before the channel works again; default every one. */
  times?: number;
}

export interface PostRateLimit {
  /** Only chat.postMessage calls to this channel. */
  channel: string;
  /** The Retry-After header sent with the 429. */
  retryAfterSeconds: number;
  /** How many posts are refused; default every one. */
  times?: number;
}

export interface FileDownload {
  path: string;
  authorization: string | undefined;
}

export interface ResponseUrlPost {
  name: string;
  body: Record<string, unknown>;
}

export interface FakeSlack {
  /** Base URL of the Web API, ending in `/api/`. */
  apiUrl: string;
  /** Origin of the file host (another port than the API's): what SLACK_FILES_URL is set to in tests. */
  filesUrl: string;
  calls: ApiCall[];
  responses: ResponseUrlPost[];
  /** A response_url on this fake; posts to it are recorded under `name`. */
  responseUrl(name: string): string;
  /** Waits until `count` posts reached `responseUrl(name)` (default 5 s), then returns them. */
  waitForResponses(name: string, count?: number, timeoutMs?: number): Promise<ResponseUrlPost[]>;
  /** Makes chat.postMessage to one channel fail with a Slack error, `times` times (default: until replaced). */
  failPosts(failure: PostFailure): void;
  /** Makes chat.postMessage to one channel answer HTTP 429 with Retry-After, `times` times (default: until replaced). */
  rateLimitPosts(limit: PostRateLimit): void;
  /** Serves `content` at a url_private on the fake's file host (`filesUrl`) to requests bearing `token` (default the test bot token). */
  serveFile(name: string, content: Buffer | string, options?: { token?: string }): string;
  /** Every GET of a served file's URL, in order (refused ones too). */
  downloads: FileDownload[];
  close(): Promise<void>;
}

export const FAKE_BOT = { user_id: 'U0FLOORBOT', bot_id: 'B0FLOORBOT', team_id: 'T0FAKETEAM', team: 'Fake Team', url: 'https://fake.slack.test/' };

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata']);

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const parseForm = (raw: string): Record<string, unknown> => {
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (JSON_FIELDS.has(key)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // keep the raw string: the test will see what was sent
      }
    }
    args[key] = value;
  }
  return args;
};

const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
};

export const startFakeSlack = async (): Promise<FakeSlack> => {
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const waiters = new Set<() => void>();
  const failures = new Map<string, { error: string; left: number }>();
  const rateLimits = new Map<string, { retryAfterSeconds: number; left: number }>();
  /** The rule of `rules` for this chat.postMessage's channel, counted down once; null when none applies. */
  const takeRule = <T extends { left: number }>(rules: Map<string, T>, method: string, args: Record<string, unknown>): T | null => {
    if (method !== 'chat.postMessage') return null;
    const rule = rules.get(String(args.channel ?? ''));
    if (!rule || rule.left <= 0) return null;
    rule.left -= 1;
    return rule;
  };
  /** The Retry-After to answer this chat.postMessage with, if its channel is rate limited. */
  const rateLimitOf = (method: string, args: Record<string, unknown>): number | null => takeRule(rateLimits, method, args)?.retryAfterSeconds ?? null;
  /** The error to answer this chat.postMessage with, if its channel is set to fail. */
  const failureOf = (method: string, args: Record<string, unknown>): string | null => takeRule(failures, method, args)?.error ?? null;
  let posted = 0;
  let views = 0;
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  const files = new Map<string, { content: Buffer; token: string }>();
  const downloads: FileDownload[] = [];

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const raw = await readBody(request);
      const api = /^\/api\/(.+)$/.exec(url.pathname);
      if (api?.[1] && (request.method === 'POST' || request.method === 'GET')) {
        const method = api[1];
        const contentType = request.headers['content-type'] ?? '';
        const args =
          request.method === 'GET'
            ? parseForm(url.search.slice(1))
            : contentType.includes('application/json')
              ? (JSON.parse(raw || '{}') as Record<string, unknown>)
              : parseForm(raw);
        const retryAfter = rateLimitOf(method, args);
        if (retryAfter !== null) {
          calls.push({ method, args, authorization: request.headers.authorization, error: 'ratelimited' });
          notify();
          response.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfter) });
          response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          return;
        }
        const error = failureOf(method, args);
        calls.push({ method, args, authorization: request.headers.authorization, ...(error ? { error } : {}) });
        notify();
        const ok =
          method === 'auth.test'
            ? { ok: true, ...FAKE_BOT }
            : method === 'chat.postMessage'
              ? { ok: true, channel: String(args.channel ?? ''), ts: `1790000000.${String(++posted).padStart(6, '0')}` }
              : method === 'views.open'
                ? { ok: true, view: { ...(args.view as object), id: `V0VIEW${String(++views).padStart(4, '0')}` } }
                : method === 'views.update'
                  ? { ok: true, view: { ...(args.view as object), id: String(args.view_id ?? '') } }
                  : method === 'chat.postEphemeral'
                    ? { ok: true, message_ts: `1790000001.${String(++posted).padStart(6, '0')}` }
                    : { ok: true };
        sendJson(response, 200, error ? { ok: false, error } : ok);
        return;
      }
      const hook = /^\/response\/(.+)$/.exec(url.pathname);
      if (hook?.[1] && request.method === 'POST') {
        responses.push({ name: decodeURIComponent(hook[1]), body: JSON.parse(raw || '{}') as Record<string, unknown> });
        notify();
        sendJson(response, 200, { ok: true });
        return;
      }
      sendJson(response, 404, { ok: false, error: 'unknown_method' });
    })().catch((error: unknown) => sendJson(response, 500, { ok: false, error: String(error) }));
  });
  // The file host: another origin, as files.slack.com is not the Web API's.
  const fileServer = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const file = files.get(url.pathname);
    if (!file || request.method !== 'GET') {
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<html><body>Not found</body></html>');
      return;
    }
    downloads.push({ path: url.pathname, authorization: request.headers.authorization });
    if (request.headers.authorization !== `Bearer ${file.token}`) {
      response.writeHead(403, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<html><body>Sign in to Slack</body></html>');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.content.length) });
    response.end(file.content);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => fileServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const filesBase = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    filesUrl: filesBase,
    calls,
    responses,
    responseUrl: (name) => `${base}/response/${encodeURIComponent(name)}`,
    waitForResponses: (name, count = 1, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const matching = () => responses.filter((post) => post.name === name);
        const check = () => {
          if (matching().length < count) return;
          cleanup();
          resolve(matching());
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`expected ${count} post(s) to response_url "${name}" within ${timeoutMs} ms, got ${matching().length}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    failPosts: (failure) => {
      failures.set(failure.channel, { error: failure.error, left: failure.times ?? Number.POSITIVE_INFINITY });
    },
    rateLimitPosts: (limit) => {
      rateLimits.set(limit.channel, { retryAfterSeconds: limit.retryAfterSeconds, left: limit.times ?? Number.POSITIVE_INFINITY });
    },
    serveFile: (name, content, options = {}) => {
      const filePath = `/files-pri/${FAKE_BOT.team_id}-F${String(files.size + 1).padStart(8, '0')}/${encodeURIComponent(name)}`;
      files.set(filePath, { content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), token: options.token ?? 'xoxb-test-token' });
      return `${filesBase}${filePath}`;
    },
    downloads,
    close: async () => {
      for (const each of [server, fileServer]) {
        each.closeAllConnections();
        await new Promise<void>((resolve, reject) => each.close((error) => (error ? reject(error) : resolve())));
      }
    },
  };
};
