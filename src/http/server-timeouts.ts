import type { ServerOptions } from 'node:http';

/**
 * How long a client may take. Every server of the app closes a slow one: its headers within 30 s (slow
 * headers: 408), its whole request within 60 s (a slow body: 408), an idle keep-alive connection after 5 s.
 * Node enforces the first two only when it checks its connections (`connectionsCheckingInterval`, 30 s by
 * default): once a second, a slow client is cut off within a second of its limit.
 */
export interface ServerTimeouts {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionsCheckingInterval: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = {
  headersTimeout: 30_000,
  requestTimeout: 60_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
};

/**
 * The options every node:http server of the app is created with (the integration server's own, and
 * Bolt's in Slack's HTTP mode): set at creation, since `connectionsCheckingInterval` cannot change later.
 */
export const serverOptions = (timeouts: ServerTimeouts = SERVER_TIMEOUTS): ServerOptions => ({ ...timeouts });
