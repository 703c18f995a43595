/**
 * A fake OpenAI-compatible server over real HTTP on 127.0.0.1 (ephemeral port), for every test that
 * talks to an LLM. It records each request and answers `POST …/chat/completions` with what the test
 * scripts: queued one-shot replies first, then the current handler (default: valid scores, level 4).
 *
 * Usage is computed as ceil(characters / 4) of the messages' content (prompt) and of the answer
 * (completion), so token figures are comparable across runs without a tokenizer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  rawBody: string;
  /** The parsed JSON body, or null when it was not JSON. */
  body: ChatRequestBody | null;
}

export interface ChatRequestBody {
  model?: string;
  temperature?: number;
  messages?: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: JsonSchema } };
  [key: string]: unknown;
}

export type JsonSchema = { [key: string]: unknown };

/** What the fake answers to one request. Every kind takes an optional `delayMs` before answering. */
export type FakeReply = { delayMs?: number } & (
  | { kind: 'json'; content: unknown }
  | { kind: 'raw'; content: string }
  | { kind: 'refusal'; refusal: string }
  | { kind: 'length'; content?: string }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'drop' }
  /** A body sent as is (e.g. a proxy's HTML page with status 200, or JSON `null`). */
  | { kind: 'body'; status: number; contentType: string; body: string }
  /** Status 200 and the start of a completion, then the connection is closed mid-body. */
  | { kind: 'cut' }
);

export type FakeHandler = (request: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAi {
  /** Base URL for the SDK, ending in `/v1`. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  setHandler(handler: FakeHandler): void;
  /** One-shot replies used, in order, before the handler. */
  enqueue(...replies: FakeReply[]): void;
  /** Forget requests and queued replies; restore the default handler. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeCriterionAnswer {
  key: string;
  applicable: boolean;
  notApplicableReason: string | null;
  level: number | null;
  evidence: { turn: number; role: 'agent' | 'customer'; quote: string }[];
  rationale: string;
}

export interface FakeTurn {
  index: number;
  role: 'agent' | 'customer';
  text: string;
}

/** The criterion keys a request asks for (from the strict response schema's `key` enum). */
export const requestedCriterionKeys = (body: ChatRequestBody | null): string[] => {
  const schema = body?.response_format?.json_schema?.schema as
    | { properties?: { criteria?: { items?: { properties?: { key?: { enum?: string[] } } } } } }
    | undefined;
  return schema?.properties?.criteria?.items?.properties?.key?.enum ?? [];
};

/** The call type keys the request lets the model choose from (empty when the call type was given). */
export const requestedCallTypeKeys = (body: ChatRequestBody | null): string[] => {
  const schema = body?.response_format?.json_schema?.schema as
    | { properties?: { callType?: { anyOf?: { enum?: string[] }[] } } }
    | undefined;
  return schema?.properties?.callType?.anyOf?.flatMap((option) => option.enum ?? []) ?? [];
};

/** The numbered turns inside the `<transcript>` block of the last user message. */
export const transcriptTurns = (body: ChatRequestBody | null): FakeTurn[] => {
  const user = [...(body?.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '';
  const block = /<transcript>\n([\s\S]*)\n<\/transcript>/.exec(user)?.[1] ?? '';
  return block.split('\n').flatMap((line) => {
    const match = /^(\d+) (Agent|Customer): (.*)$/.exec(line);
    if (!match) return [];
    return [{ index: Number(match[1]), role: match[2] === 'Agent' ? ('agent' as const) : ('customer' as const), text: match[3] ?? '' }];
  });
};

/**
 * A handler answering every request with a valid structured answer for the criteria it asks for.
 * `fn` may override each criterion's answer; by default level 4 with the first agent turn as evidence.
 */
export const respondWithScores =
  (
    fn?: (key: string, context: { turns: FakeTurn[]; request: RecordedRequest }) => Partial<FakeCriterionAnswer>,
    extra?: { frustration?: 'none' | 'mild' | 'high'; callType?: string | null; summary?: string; delayMs?: number },
  ): FakeHandler =>
  (request) => {
    const turns = transcriptTurns(request.body);
    const firstAgent = turns.find((turn) => turn.role === 'agent') ?? turns[0];
    const criteria = requestedCriterionKeys(request.body).map((key): FakeCriterionAnswer => ({
      key,
      applicable: true,
      notApplicableReason: null,
      level: 4,
      evidence: firstAgent ? [{ turn: firstAgent.index, role: firstAgent.role, quote: firstAgent.text }] : [],
      rationale: `Fake rationale for ${key}.`,
      ...fn?.(key, { turns, request }),
    }));
    const callTypes = requestedCallTypeKeys(request.body);
    return {
      kind: 'json',
      ...(extra?.delayMs === undefined ? {} : { delayMs: extra.delayMs }),
      content: {
        criteria,
        frustration: extra?.frustration ?? 'none',
        callType: extra?.callType !== undefined ? extra.callType : (callTypes[0] ?? null),
        summary: extra?.summary ?? 'The agent handled the call.',
      },
    };
  };

const tokens = (text: string): number => Math.ceil(text.length / 4);

const completion = (body: ChatRequestBody | null, message: Record<string, unknown>, finishReason: string) => {
  const promptChars = (body?.messages ?? []).reduce((sum, m) => sum + (typeof m.content === 'string' ? m.content.length : 0), 0);
  const answer = typeof message.content === 'string' ? message.content : '';
  const promptTokens = Math.ceil(promptChars / 4);
  const completionTokens = tokens(answer);
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: body?.model ?? 'fake-model',
    choices: [{ index: 0, finish_reason: finishReason, logprobs: null, message: { role: 'assistant', refusal: null, ...message } }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
};

const sendJson = (res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const startFakeOpenAi = async (): Promise<FakeOpenAi> => {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  const defaultHandler = respondWithScores();
  let handler: FakeHandler = defaultHandler;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        let body: ChatRequestBody | null = null;
        try {
          body = JSON.parse(rawBody) as ChatRequestBody;
        } catch {
          body = null;
        }
        const recorded: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, rawBody, body };
        const index = requests.length;
        requests.push(recorded);
        if (req.method !== 'POST' || !(req.url ?? '').endsWith('/chat/completions')) {
          sendJson(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
          return;
        }
        const reply = queue.shift() ?? (await handler(recorded, index));
        if (reply.delayMs) await sleep(reply.delayMs);
        if (res.destroyed) return;
        switch (reply.kind) {
          case 'json':
            sendJson(res, 200, completion(body, { content: JSON.stringify(reply.content) }, 'stop'));
            return;
          case 'raw':
            sendJson(res, 200, completion(body, { content: reply.content }, 'stop'));
            return;
          case 'refusal':
            sendJson(res, 200, completion(body, { content: null, refusal: reply.refusal }, 'stop'));
            return;
          case 'length':
            sendJson(res, 200, completion(body, { content: reply.content ?? '{"criteria":[{"key":"emp' }, 'length'));
            return;
          case 'status':
            sendJson(res, reply.status, reply.body ?? { error: { message: `fake status ${reply.status}`, type: 'fake_error' } }, reply.headers);
            return;
          case 'drop':
            req.socket.destroy();
            return;
          case 'body':
            res.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': Buffer.byteLength(reply.body) });
            res.end(reply.body);
            return;
          case 'cut':
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': 5000 });
            res.write('{"id":"chatcmpl-fake","object":"chat.completion","choi');
            setTimeout(() => req.socket.destroy(), 20);
            return;
        }
      })().catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'fake_handler_error' } });
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setHandler(next) {
      handler = next;
    },
    enqueue(...replies) {
      queue.push(...replies);
    },
    reset() {
      requests.length = 0;
      queue.length = 0;
      handler = defaultHandler;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
