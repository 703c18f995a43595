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
 *
 *   files.uploadV2 works as on Slack: files.getUploadURLExternal answers an `upload_url` on this fake and a
 *   file id, the bytes POSTed there (multipart, field `body`) are kept, and files.completeUploadExternal
 *   completes the file: `slack.uploads` lists each file with its bytes, title, alt text and whether it was
 *   completed (and shared to a channel: `channelId`).
 *   slack.failCalls({ method: 'files.getUploadURLExternal', error: 'missing_scope', times: 1 });
 *   // the next call of that method answers { ok: false, error } (or HTTP `status` when given, e.g. 500)
 *   slack.refuseBlocks(['table']);
 *   // chat.postMessage, views.publish and response-URL posts with a block of these types answer
 *   // invalid_blocks, as an old client or surface would: nothing is recorded as delivered
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
  /** The `ts` a chat.postMessage that took effect was answered with. */
  ts?: string;
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

export interface CallFailure {
  /** Any Web API method, e.g. files.getUploadURLExternal. */
  method: string;
  /** The Slack error code answered (with HTTP 200), unless `status` is set. */
  error: string;
  /** Answer this HTTP status instead (e.g. 500), with the error in the body. */
  status?: number;
  /** How many calls fail; default every one. */
  times?: number;
}

/** A file uploaded through files.getUploadURLExternal → upload URL → files.completeUploadExternal. */
export interface UploadedFile {
  id: string;
  filename: string;
  /** Declared by getUploadURLExternal. */
  length: number;
  altText: string | undefined;
  /** The bytes POSTed to the upload URL (null until then). */
  bytes: Buffer | null;
  title: string | undefined;
  completed: boolean;
  /** Set when completeUploadExternal shared the file into a channel (the app never should: it shows files in image blocks). */
  channelId: string | undefined;
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
  /**
   * Makes the next chat.postMessage to one channel take effect at once (recorded with its ts, listed by
   * conversations.history) but answer only after `ms`: a sender killed meanwhile never learns Slack took it.
   */
  holdAnswers(hold: { channel: string; ms: number }): void;
  /** Makes chat.postMessage to one channel answer HTTP 429 with Retry-After, `times` times (default: until replaced). */
  rateLimitPosts(limit: PostRateLimit): void;
  /** Serves `content` at a url_private on the fake's file host (`filesUrl`) to requests bearing `token` (default the test bot token). */
  serveFile(name: string, content: Buffer | string, options?: { token?: string }): string;
  /** Every GET of a served file's URL, in order (refused ones too). */
  downloads: FileDownload[];
  /** Files uploaded with files.uploadV2, in the order getUploadURLExternal gave their ids. */
  uploads: UploadedFile[];
  /** Makes calls of one Web API method fail, `times` times (default: until replaced). */
  failCalls(failure: CallFailure): void;
  /** Refuses messages, views and response-URL posts with blocks of these types (invalid_blocks); [] accepts all again. */
  refuseBlocks(types: readonly string[]): void;
  /**
   * Answers a Web API method with what `answer` returns (it may wait: a gate the test opens), instead of
   * `{ ok: true }`; the call is still recorded. E.g. `apps.connections.open` → `{ ok: true, url: 'ws://…' }`.
   */
  answerMethod(method: string, answer: (args: Record<string, unknown>, authorization: string | undefined) => unknown): void;
  /** Waits until a recorded Web API call matches (default 5 s), then returns it. */
  waitForCall(matches: (call: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  close(): Promise<void>;
}

export const FAKE_BOT = {
  user_id: 'U0FLOORBOT',
  bot_id: 'B0FLOORBOT',
  team_id: 'T0FAKETEAM',
  team: 'Fake Team',
  url: 'https://fake.slack.test/',
};

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'files']);

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

/** The block types of a message, a view or a response-URL body. */
const blockTypesOf = (args: Record<string, unknown>): string[] => {
  const view = args.view as { blocks?: unknown } | undefined;
  const blocks = Array.isArray(args.blocks) ? args.blocks : Array.isArray(view?.blocks) ? view.blocks : [];
  return blocks.map((block) => String((block as { type?: unknown }).type));
};

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
  const holds = new Map<string, { ms: number; left: number }>();
  /** The rule of `rules` for this chat.postMessage's channel, counted down once; null when none applies. */
  const takeRule = <T extends { left: number }>(rules: Map<string, T>, method: string, args: Record<string, unknown>): T | null => {
    if (method !== 'chat.postMessage') return null;
    const rule = rules.get(String(args.channel ?? ''));
    if (!rule || rule.left <= 0) return null;
    rule.left -= 1;
    return rule;
  };
  /** The Retry-After to answer this chat.postMessage with, if its channel is rate limited. */
  const rateLimitOf = (method: string, args: Record<string, unknown>): number | null =>
    takeRule(rateLimits, method, args)?.retryAfterSeconds ?? null;
  /** The error to answer this chat.postMessage with, if its channel is set to fail. */
  const failureOf = (method: string, args: Record<string, unknown>): string | null => takeRule(failures, method, args)?.error ?? null;
  let posted = 0;
  let views = 0;
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  const files = new Map<string, { content: Buffer; token: string }>();
  const answers = new Map<string, (args: Record<string, unknown>, authorization: string | undefined) => unknown>();
  const downloads: FileDownload[] = [];
  const uploads: UploadedFile[] = [];
  const callFailures = new Map<string, { error: string; status: number | undefined; left: number }>();
  let refusedBlockTypes: readonly string[] = [];
  /** The failure to answer this call with, if its method is set to fail (counted down once). */
  const callFailureOf = (method: string): { error: string; status: number | undefined } | null => {
    const rule = callFailures.get(method);
    if (!rule || rule.left <= 0) return null;
    rule.left -= 1;
    return rule;
  };
  const refusesBlocks = (args: Record<string, unknown>): boolean => blockTypesOf(args).some((type) => refusedBlockTypes.includes(type));
  /** What a successful call of `method` answers (files.* as Slack does). */
  // A DM's channel: conversations.open answers D + the user id; history lists what was posted to either, newest first.
  const dmOf = (user: string): string => `D${user}`;
  const historyOf = (channel: string, withMetadata: boolean) =>
    calls
      .filter(
        (call) =>
          call.method === 'chat.postMessage' && call.ts && (call.args.channel === channel || dmOf(String(call.args.channel)) === channel),
      )
      .reverse()
      .map((call) => ({
        type: 'message',
        ts: call.ts,
        text: call.args.text,
        ...(withMetadata && call.args.metadata ? { metadata: call.args.metadata } : {}),
      }));
  const answerOf = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    if (method === 'auth.test') return { ok: true, ...FAKE_BOT };
    if (method === 'conversations.open') return { ok: true, channel: { id: dmOf(String(args.users ?? '')) } };
    if (method === 'conversations.history')
      return { ok: true, messages: historyOf(String(args.channel ?? ''), args.include_all_metadata === 'true'), has_more: false };
    if (method === 'chat.postMessage')
      return { ok: true, channel: String(args.channel ?? ''), ts: `1790000000.${String(++posted).padStart(6, '0')}` };
    if (method === 'views.open') return { ok: true, view: { ...(args.view as object), id: `V0VIEW${String(++views).padStart(4, '0')}` } };
    if (method === 'views.update') return { ok: true, view: { ...(args.view as object), id: String(args.view_id ?? '') } };
    if (method === 'chat.postEphemeral') return { ok: true, message_ts: `1790000001.${String(++posted).padStart(6, '0')}` };
    if (method === 'files.getUploadURLExternal') {
      const id = `F0UPLOAD${String(uploads.length + 1).padStart(4, '0')}`;
      uploads.push({
        id,
        filename: String(args.filename ?? ''),
        length: Number(args.length ?? 0),
        altText: args.alt_text === undefined ? undefined : String(args.alt_text),
        bytes: null,
        title: undefined,
        completed: false,
        channelId: undefined,
      });
      return { ok: true, upload_url: `${base}/upload/${id}`, file_id: id };
    }
    if (method === 'files.completeUploadExternal') {
      const listed = Array.isArray(args.files) ? (args.files as { id?: unknown; title?: unknown }[]) : [];
      const done = listed.flatMap((entry) => {
        const upload = uploads.find((candidate) => candidate.id === entry.id);
        if (!upload || upload.bytes === null) return [];
        upload.completed = true;
        upload.title = entry.title === undefined ? undefined : String(entry.title);
        upload.channelId = args.channel_id === undefined ? undefined : String(args.channel_id);
        return [{ id: upload.id, name: upload.filename, title: upload.title, mimetype: 'image/png', size: upload.bytes.length }];
      });
      return done.length === listed.length && done.length > 0 ? { ok: true, files: done } : { ok: false, error: 'file_not_found' };
    }
    return { ok: true };
  };

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const bytes = await readBody(request);
      const raw = bytes.toString('utf8');
      const upload = /^\/upload\/(F[A-Z0-9]+)$/.exec(url.pathname);
      if (upload?.[1] && request.method === 'POST') {
        const target = uploads.find((candidate) => candidate.id === upload[1]);
        const form = await new Response(new Uint8Array(bytes), {
          headers: { 'content-type': request.headers['content-type'] ?? '' },
        }).formData();
        const body = form.get('body');
        if (!target || !(body instanceof Blob)) {
          response.writeHead(400, { 'content-type': 'text/plain' });
          response.end('no such upload or no body');
          return;
        }
        target.bytes = Buffer.from(await body.arrayBuffer());
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(`OK - ${target.bytes.length}`);
        return;
      }
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
        const failure = callFailureOf(method);
        const refused = (method === 'chat.postMessage' || method === 'views.publish') && refusesBlocks(args) ? 'invalid_blocks' : null;
        const error = failure?.error ?? refused ?? failureOf(method, args);
        const override = answers.get(method);
        if (override) {
          // Recorded before it is answered: a test can see the call while its answer waits.
          const call: ApiCall = { method, args, authorization: request.headers.authorization };
          calls.push(call);
          notify();
          const body = await override(args, request.headers.authorization);
          if ((body as { ok?: unknown }).ok === false) Object.assign(call, { error: String((body as { error?: unknown }).error) });
          sendJson(response, 200, body);
          return;
        }
        const answer = error || failure?.status !== undefined ? null : answerOf(method, args);
        const ts = method === 'chat.postMessage' && answer ? String(answer.ts) : undefined;
        calls.push({ method, args, authorization: request.headers.authorization, ...(error ? { error } : {}), ...(ts ? { ts } : {}) });
        notify();
        if (failure?.status !== undefined) {
          sendJson(response, failure.status, { ok: false, error: failure.error });
          return;
        }
        const hold = takeRule(holds, method, args);
        if (hold) await new Promise((resolve) => setTimeout(resolve, hold.ms));
        sendJson(response, 200, error ? { ok: false, error } : answer);
        return;
      }
      const hook = /^\/response\/(.+)$/.exec(url.pathname);
      if (hook?.[1] && request.method === 'POST') {
        const body = JSON.parse(raw || '{}') as Record<string, unknown>;
        if (refusesBlocks(body)) {
          // As Slack answers a response_url post it cannot show: 404 with the error (nothing recorded).
          sendJson(response, 404, { ok: false, error: 'invalid_blocks' });
          return;
        }
        responses.push({ name: decodeURIComponent(hook[1]), body });
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
    holdAnswers: (hold) => {
      holds.set(hold.channel, { ms: hold.ms, left: 1 });
    },
    rateLimitPosts: (limit) => {
      rateLimits.set(limit.channel, { retryAfterSeconds: limit.retryAfterSeconds, left: limit.times ?? Number.POSITIVE_INFINITY });
    },
    serveFile: (name, content, options = {}) => {
      const filePath = `/files-pri/${FAKE_BOT.team_id}-F${String(files.size + 1).padStart(8, '0')}/${encodeURIComponent(name)}`;
      files.set(filePath, {
        content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
        token: options.token ?? 'xoxb-test-token',
      });
      return `${filesBase}${filePath}`;
    },
    downloads,
    uploads,
    failCalls: (failure) => {
      callFailures.set(failure.method, { error: failure.error, status: failure.status, left: failure.times ?? Number.POSITIVE_INFINITY });
    },
    refuseBlocks: (types) => {
      refusedBlockTypes = [...types];
    },
    answerMethod: (method, answer) => {
      answers.set(method, answer);
    },
    waitForCall: (matches, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.find(matches);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `expected a matching Web API call within ${timeoutMs} ms; got ${calls.map((call) => call.method).join(', ') || 'none'}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    close: async () => {
      for (const each of [server, fileServer]) {
        each.closeAllConnections();
        await new Promise<void>((resolve, reject) => each.close((error) => (error ? reject(error) : resolve())));
      }
    },
  };
};
