import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { transcriptTooDeepError } from '../ingest/ingest-errors.ts';
import { isJsonDeeperThan, MAX_JSON_DEPTH } from '../ingest/json-depth.ts';
import type { Services } from '../services.ts';
import { serverOptions, type ServerTimeouts } from './server-timeouts.ts';
import { appErrorAnswer, errorAnswer, handleIntegrationCall, type HttpAnswer } from './handle-integration-call.ts';
import { httpMessages } from './http-messages.ts';
import { formatIntegrationIssues, integrationCallSchema } from './integration-call-schema.ts';
import {
  checkSignature,
  checkSignatureHeaders,
  DEFAULT_TOLERANCE_SECONDS,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  type SignatureHeaders,
} from './verify-integration-signature.ts';

export const INTEGRATION_CALLS_PATH = '/integrations/calls';
export const HEALTH_PATH = '/healthz';

/** One JSON log line's worth: never a body, an agent or an external id (they can name people). */
export type IntegrationLog = (level: 'info' | 'error', message: string, fields?: Record<string, unknown>) => void;

export interface CreateIntegrationServerOptions {
  services: Pick<Services, 'health' | 'directory' | 'calls' | 'now'>;
  /** FLOORREADY_INTEGRATION_SECRET: the key of the HMAC call platforms sign with; unset = the call endpoint is off (404). */
  secret?: string | undefined;
  /** `ingest.maxBytes`: the largest request body accepted. */
  maxBytes: number;
  /** How far a request's timestamp may be from `services.now()`; default 300 seconds. */
  toleranceSeconds?: number;
  log?: IntegrationLog;
  /** The zone a zone-less `occurredAt` is read in, by the body's agent (the app: the agent's team's); default UTC. */
  timeZoneOf?: (agent: string) => string | null;
  /** Slack's connection state for /healthz; default 'off' (Slack not configured). */
  slackState?: () => SlackConnectionState;
  /** How long a client may take (createIntegrationServer); default SERVER_TIMEOUTS. */
  timeouts?: ServerTimeouts;
}

/**
 * Slack's side of the app, as /healthz reports it: `off` (no SLACK_BOT_TOKEN), `connecting` (Socket Mode
 * opening or re-opening its WebSocket, or the bot token being checked), `connected` (Socket Mode's socket
 * is open, or HTTP mode's receiver listens), `disconnected` (the socket dropped and is being retried).
 */
export type SlackConnectionState = 'off' | 'connecting' | 'connected' | 'disconnected';

/** A request handler on node:http terms, answering every request it is given. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The app's own HTTP routes, served by one server on PORT (its own, or Bolt's HTTPReceiver as custom routes). */
export interface HttpRoutes {
  /** Path → handler; each handler answers every method itself (405 for the wrong one). */
  routes: { path: string; handler: RouteHandler }[];
  /** Any request: the matching route, else 404 naming the endpoints. */
  handle: RouteHandler;
}

export interface IntegrationServer {
  server: Server;
  /** Listens on the port (0 = any free port; the chosen one is returned) and interface (default all). */
  start(port: number, host?: string): Promise<{ port: number }>;
  stop(): Promise<void>;
}

const headerValue = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** application/json or application/<something>+json, in UTF-8 when a charset is named. */
const isJsonContentType = (contentType: string | undefined): boolean => {
  if (contentType === undefined) return false;
  const [type = '', ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json' && !/^application\/[\w.-]+\+json$/.test(type)) return false;
  const charset = params
    .find((param) => param.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
};

type BodyRead = { ok: true; body: Buffer } | { ok: false; reason: 'too_large'; size: number } | { ok: false; reason: 'aborted' };

/** Reads the body up to `maxBytes`; past it, keeps draining (discarding) so the 413 reaches the sender. */
const readBody = (req: IncomingMessage, maxBytes: number): Promise<BodyRead> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > maxBytes ? { ok: false, reason: 'too_large', size } : { ok: true, body: Buffer.concat(chunks) }));
    req.on('error', () => resolve({ ok: false, reason: 'aborted' }));
    req.on('aborted', () => resolve({ ok: false, reason: 'aborted' }));
  });

const tooLarge = (size: number, maxBytes: number): HttpAnswer =>
  errorAnswer(413, 'body_too_large', httpMessages.bodyTooLarge(size, maxBytes));

const send = (res: ServerResponse, answer: HttpAnswer, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
};

/** Name, code and the first line of an unexpected error: a driver's message can go on to quote the values it was given. */
const describeError = (error: unknown): Record<string, unknown> => {
  if (!(error instanceof Error)) return { error: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    errorName: error.name,
    ...(code === undefined ? {} : { errorCode: String(code) }),
    errorMessage: (error.message.split('\n')[0] ?? '').slice(0, 200),
  };
};

const decodeUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The app's HTTP routes:
 *   POST /integrations/calls  signed JSON (see verify-integration-signature.ts) → the ingestion use case
 *                             (only with a secret; 404 saying how to turn it on otherwise)
 *   GET  /healthz             200 {ok: true} when the database answers, 503 otherwise (always)
 * Checks run cheapest first: signature headers and timestamp (401), content type (415), declared size
 * (413), the body read up to ingest.maxBytes (413), the HMAC over the raw body (401), JSON depth and JSON (400), the
 * zod schema (400, every issue as `path: message`), then ingestion (202, 200 duplicate, 409, 413, 422).
 * Nothing is written before ingestion's own checks pass.
 */
export const createHttpRoutes = (options: CreateIntegrationServerOptions): HttpRoutes => {
  const { services, secret, maxBytes } = options;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const log: IntegrationLog = options.log ?? (() => {});
  const callSchema = integrationCallSchema({ timeZoneOf: options.timeZoneOf ?? (() => 'UTC'), now: services.now });

  const receiveCall = async (req: IncomingMessage, res: ServerResponse): Promise<HttpAnswer> => {
    const headers: SignatureHeaders = { timestamp: headerValue(req, TIMESTAMP_HEADER), signature: headerValue(req, SIGNATURE_HEADER) };
    const signed = checkSignatureHeaders(headers, services.now(), tolerance);
    if (!signed.ok) return errorAnswer(401, 'signature_invalid', signed.message);

    if (!isJsonContentType(headerValue(req, 'content-type'))) {
      return errorAnswer(415, 'unsupported_media_type', httpMessages.unsupportedMediaType);
    }
    const declared = Number(headerValue(req, 'content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      res.setHeader('connection', 'close');
      req.resume();
      return tooLarge(declared, maxBytes);
    }

    const read = await readBody(req, maxBytes);
    if (!read.ok)
      return read.reason === 'too_large' ? tooLarge(read.size, maxBytes) : errorAnswer(400, 'body_incomplete', httpMessages.bodyIncomplete);

    const verified = checkSignature(secret ?? '', headers, read.body);
    if (!verified.ok) return errorAnswer(401, 'signature_invalid', verified.message);

    let json: unknown;
    try {
      const text = decodeUtf8.decode(read.body);
      // The transcript sits one level into the body: the same bound, before anything walks the value (ADR 0026).
      if (isJsonDeeperThan(text, MAX_JSON_DEPTH + 1)) return appErrorAnswer(transcriptTooDeepError());
      json = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof SyntaxError ? error.message : 'it is not UTF-8 text';
      return errorAnswer(400, 'invalid_json', httpMessages.invalidJson(detail));
    }
    const parsed = callSchema.safeParse(json);
    if (!parsed.success) {
      const issues = formatIntegrationIssues(parsed.error.issues);
      return errorAnswer(400, 'validation_failed', httpMessages.validationFailed(issues), { issues });
    }
    return handleIntegrationCall({ directory: services.directory, calls: services.calls, now: services.now, maxBytes }, parsed.data);
  };

  const slackState = options.slackState ?? (() => 'off' as const);
  /** 200 when the database answers and Slack (if configured) is connected; 503 otherwise, saying which. */
  const checkHealth = async (): Promise<HttpAnswer> => {
    const slack = slackState();
    try {
      await services.health.ping();
    } catch (error) {
      log('error', 'health check: database unreachable', describeError(error));
      return {
        status: 503,
        body: { ok: false, database: 'unavailable', slack, error: 'database_unavailable', message: 'The database does not answer.' },
      };
    }
    if (slack === 'connecting' || slack === 'disconnected') {
      return {
        status: 503,
        body: { ok: false, database: 'ok', slack, error: 'slack_not_connected', message: `Slack is ${slack}; the app retries.` },
      };
    }
    return { status: 200, body: { ok: true, database: 'ok', slack } };
  };

  const calls = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (secret === undefined || secret === '') {
      req.resume();
      return send(res, errorAnswer(404, 'not_found', httpMessages.endpointOff(INTEGRATION_CALLS_PATH)));
    }
    if (req.method !== 'POST') {
      req.resume();
      return send(res, errorAnswer(405, 'method_not_allowed', httpMessages.usePost(INTEGRATION_CALLS_PATH)), { allow: 'POST' });
    }
    const started = Date.now();
    const answer = await receiveCall(req, res);
    const { callId, status, error } = answer.body;
    log('info', 'integration call', {
      status: answer.status,
      ...(callId ? { callId, outcome: status } : { error }),
      ms: Date.now() - started,
    });
    return send(res, answer);
  };

  const health = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    req.resume();
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, errorAnswer(405, 'method_not_allowed', httpMessages.useGet(HEALTH_PATH)), { allow: 'GET, HEAD' });
    return send(res, await checkHealth());
  };

  /** Runs a route; whatever escapes is logged and answered 500 (or the connection closed mid-answer). */
  const guarded =
    (route: (req: IncomingMessage, res: ServerResponse) => Promise<void>): RouteHandler =>
    (req, res) => {
      route(req, res).catch((error: unknown) => {
        log('error', 'integration request failed', describeError(error));
        if (res.headersSent) return void res.destroy();
        send(res, errorAnswer(500, 'internal_error', httpMessages.internalError));
      });
    };

  const routes = [
    { path: INTEGRATION_CALLS_PATH, handler: guarded(calls) },
    { path: HEALTH_PATH, handler: guarded(health) },
  ];
  return {
    routes,
    handle: (req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const route = routes.find((candidate) => candidate.path === path);
      if (route) return route.handler(req, res);
      req.resume();
      send(res, errorAnswer(404, 'not_found', httpMessages.notFound(INTEGRATION_CALLS_PATH, HEALTH_PATH)));
    },
  };
};

/** The app's HTTP routes on a server of their own: used when Slack is off or in Socket Mode (Slack in HTTP mode serves them itself). */
export const createIntegrationServer = (options: CreateIntegrationServerOptions): IntegrationServer => {
  const { handle } = createHttpRoutes(options);

  const server = createServer(serverOptions(options.timeouts), handle);

  return {
    server,
    start: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, ...(host === undefined ? {} : { host }) }, () => {
          server.off('error', reject);
          resolve({ port: (server.address() as AddressInfo).port });
        });
      }),
    stop: () =>
      new Promise((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
