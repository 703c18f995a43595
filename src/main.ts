// `npm start`: the long-running app. Everything is wired by composeApp (src/compose-app.ts, ADR 0023);
// this file reads the environment and the config, starts, and stops on SIGTERM / SIGINT.
import { composeApp, jsonLog as log } from './compose-app.ts';
import { loadConfig } from './config/config-file.ts';
import { parseEnv } from './config/env.ts';
import { isAppError } from './domain/app-error.ts';

const start = async (): Promise<void> => {
  const env = parseEnv(process.env);
  const config = await loadConfig(env.FLOORREADY_CONFIG);
  const app = await composeApp(env, config, { log });
  const stop = async (signal: string): Promise<void> => {
    log('info', 'stopping', { signal });
    await app.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  try {
    await app.start();
  } catch (error) {
    await app.stop().catch(() => undefined);
    throw error;
  }
};

start().catch((error: unknown) => {
  // Bad configuration or a refused token exits non-zero naming what to fix; anything else is logged as it is.
  log('error', isAppError(error) ? error.userMessage : String(error));
  process.exit(1);
});
