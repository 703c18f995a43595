import type { Server } from 'node:http';

/** Every server of the app closes a slow client: its headers within 30 s, its whole request within 60 s, an idle keep-alive after 5 s. */
export const SERVER_TIMEOUTS = { headersTimeout: 30_000, requestTimeout: 60_000, keepAliveTimeout: 5_000 } as const;

/** Sets SERVER_TIMEOUTS on a node:http server (the integration server's own, and Bolt's in Slack's HTTP mode). */
export const applyServerTimeouts = <T extends Server>(server: T): T => {
  server.headersTimeout = SERVER_TIMEOUTS.headersTimeout;
  server.requestTimeout = SERVER_TIMEOUTS.requestTimeout;
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveTimeout;
  return server;
};
