/**
 * A fake of Slack's Socket Mode on loopback: a WebSocket server (from `ws`) at `url`, which the fake Web
 * API's `apps.connections.open` hands out (`attach(fakeSlack)`). When the app connects it gets Slack's
 * `hello`; `send` delivers an envelope (slash command, interaction or Events API event) and resolves with
 * the app's ack for that envelope id, as Slack waits for it.
 *
 *   const socket = await startFakeSocketMode();
 *   socket.attach(slack);                               // apps.connections.open → { ok: true, url }
 *   await socket.connected();                           // the app's WebSocket is open and greeted
 *   const ack = await socket.send('slash_commands', { command: '/readiness', … });
 */
import type { AddressInfo } from 'node:net';

import { WebSocketServer, type WebSocket } from 'ws';

import type { FakeSlack } from './slack-api.ts';

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSocketMode {
  url: string;
  /** The app tokens apps.connections.open was called with. */
  appTokens: string[];
  /** Makes `slack`'s apps.connections.open answer this socket's URL (to requests with a Bearer token). */
  attach(slack: FakeSlack): void;
  /** Waits until the app's WebSocket is open (default 90 s). */
  connected(timeoutMs?: number): Promise<void>;
  /** Sends an envelope and resolves with the app's ack of it (default within 5 s). */
  send(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>, timeoutMs?: number): Promise<SocketAck>;
  close(): Promise<void>;
}

export const startFakeSocketMode = async (): Promise<FakeSocketMode> => {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
  const appTokens: string[] = [];
  const acks = new Map<string, (ack: SocketAck) => void>();
  let socket: WebSocket | null = null;
  const onConnect = new Set<() => void>();
  let sequence = 0;

  server.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const ack = JSON.parse(String(data)) as SocketAck;
      acks.get(ack.envelope_id)?.(ack);
    });
    ws.send(
      JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A0FLOORREADY' } }),
    );
    for (const resolve of onConnect) resolve();
  });

  return {
    url,
    appTokens,
    attach: (slack) =>
      slack.answerMethod('apps.connections.open', (_args, authorization) => {
        appTokens.push(String(authorization ?? '').replace(/^Bearer /, ''));
        return { ok: true, url };
      }),
    connected: (timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        if (socket) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`the app did not open its Socket Mode WebSocket within ${timeoutMs} ms`)),
          timeoutMs,
        );
        onConnect.add(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
    send: (type, payload, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        if (!socket) return reject(new Error('no Socket Mode connection'));
        const envelopeId = `env-${++sequence}`;
        const timer = setTimeout(() => reject(new Error(`no ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`)), timeoutMs);
        acks.set(envelopeId, (ack) => {
          clearTimeout(timer);
          acks.delete(envelopeId);
          resolve(ack);
        });
        socket.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== 'events_api',
            retry_attempt: 0,
            retry_reason: '',
          }),
        );
      }),
    close: async () => {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
