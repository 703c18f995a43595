import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import { LLM_PLACEHOLDER_API_KEY, parseEnv } from '../../src/config/env.ts';

const BOT = 'xoxb-1-2-abc';
const APP = 'xapp-1-A1-abc';
const SECRET = 'signing-secret-value';

/** The issues of an environment; fails the test if it parses. */
const issuesOf = (env: Record<string, string | undefined>): readonly string[] => {
  try {
    parseEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('config_env_invalid');
    return (error as ConfigError).issues;
  }
  throw new Error('expected the environment to be rejected');
};

describe('parseEnv defaults', () => {
  it('when nothing is set, then the defaults apply and neither Slack nor an LLM is configured', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      DATABASE_URL: 'file:./data/floorready.db',
      FLOORREADY_CONFIG: 'floorready.config.yml',
      PORT: 3000,
      OPENAI_TIMEOUT_MS: 60000,
      OPENAI_MAX_RETRIES: 2,
      LOG_LEVEL: 'info',
      slack: null,
      llm: null,
    });
    expect(env.SLACK_BOT_TOKEN).toBeUndefined();
    expect(env.FLOORREADY_INTEGRATION_SECRET).toBeUndefined();
  });

  it('when variables are empty strings, then they count as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', PORT: '', SLACK_BOT_TOKEN: '', OPENAI_BASE_URL: '  ', LOG_LEVEL: '' });
    expect(env.DATABASE_URL).toBe('file:./data/floorready.db');
    expect(env.PORT).toBe(3000);
    expect(env.slack).toBeNull();
    expect(env.llm).toBeNull();
  });

  it('when numbers and a PostgreSQL URL are given, then they are parsed', () => {
    const env = parseEnv({
      DATABASE_URL: 'postgresql://fr:pw@db:5432/floorready',
      PORT: '8080',
      OPENAI_TIMEOUT_MS: '30000',
      OPENAI_MAX_RETRIES: '0',
      LOG_LEVEL: 'debug',
    });
    expect(env).toMatchObject({ PORT: 8080, OPENAI_TIMEOUT_MS: 30000, OPENAI_MAX_RETRIES: 0, LOG_LEVEL: 'debug' });
    expect(parseEnv({ DATABASE_URL: 'postgres://db/floorready' }).DATABASE_URL).toBe('postgres://db/floorready');
  });
});

describe('parseEnv Slack coherence', () => {
  it('when a bot token and an app token are set, then Socket Mode is on by default', () => {
    expect(parseEnv({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }).slack).toEqual({
      mode: 'socket',
      botToken: BOT,
      appToken: APP,
      fileOrigins: ['https://files.slack.com', 'https://files.slack-gov.com'],
    });
  });

  it('when a bot token and signing secret are set without Socket Mode, then HTTP mode is used', () => {
    const env = parseEnv({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: 'http://127.0.0.1:9999/api/' });
    expect(env.slack).toEqual({
      mode: 'http',
      botToken: BOT,
      signingSecret: SECRET,
      apiUrl: 'http://127.0.0.1:9999/api/',
      fileOrigins: ['https://files.slack.com', 'https://files.slack-gov.com'],
    });
    expect(env.SLACK_SOCKET_MODE).toBeUndefined();
  });

  it('when SLACK_SOCKET_MODE is false with an app token, then HTTP mode is used', () => {
    const env = parseEnv({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET, SLACK_SOCKET_MODE: '0' });
    expect(env.slack?.mode).toBe('http');
    expect(env.SLACK_SOCKET_MODE).toBe(false);
  });

  it('when Socket Mode is on without an app token, then SLACK_APP_TOKEN is reported', () => {
    expect(issuesOf({ SLACK_BOT_TOKEN: BOT, SLACK_SOCKET_MODE: 'true' })).toEqual([
      'SLACK_APP_TOKEN: required when SLACK_SOCKET_MODE is on (e.g. SLACK_APP_TOKEN=xapp-…, an app-level token with connections:write), or set SLACK_SOCKET_MODE=false to use HTTP mode',
    ]);
  });

  it('when a bot token is set in HTTP mode without a signing secret, then SLACK_SIGNING_SECRET is reported', () => {
    expect(issuesOf({ SLACK_BOT_TOKEN: BOT })).toEqual([
      'SLACK_SIGNING_SECRET: required in HTTP mode when SLACK_BOT_TOKEN is set (copy it from Basic Information → App Credentials), or use Socket Mode with SLACK_SOCKET_MODE=true and SLACK_APP_TOKEN=xapp-…',
    ]);
  });

  it('when Slack variables are set without a bot token, then SLACK_BOT_TOKEN is reported', () => {
    expect(issuesOf({ SLACK_APP_TOKEN: APP })).toEqual([
      'SLACK_BOT_TOKEN: required when other SLACK_* variables are set (e.g. SLACK_BOT_TOKEN=xoxb-…), or unset them to run without Slack',
    ]);
  });

  it('when tokens have the wrong prefix or socket mode is not boolean-ish, then each is reported', () => {
    expect(issuesOf({ SLACK_BOT_TOKEN: 'xoxp-user', SLACK_APP_TOKEN: 'xoxb-oops', SLACK_SOCKET_MODE: 'maybe' })).toEqual([
      'SLACK_BOT_TOKEN: must start with "xoxb-" (the Bot User OAuth Token, under OAuth & Permissions in the Slack app settings)',
      'SLACK_APP_TOKEN: must start with "xapp-" (an app-level token with the connections:write scope, under Basic Information → App-Level Tokens)',
      'SLACK_SOCKET_MODE: must be true, false, 1 or 0, got "maybe" (e.g. SLACK_SOCKET_MODE=true)',
    ]);
  });
});

describe('parseEnv file host (SLACK_FILES_URL)', () => {
  it('when SLACK_FILES_URL is set, then it is the one origin files are downloaded from', () => {
    const env = parseEnv({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, SLACK_FILES_URL: 'http://127.0.0.1:4011/' });
    expect(env.slack?.fileOrigins).toEqual(['http://127.0.0.1:4011']);
  });

  it('when SLACK_FILES_URL is the Web API origin or plain http off loopback, then it is refused with the reason', () => {
    expect(
      issuesOf({
        SLACK_BOT_TOKEN: BOT,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: 'http://127.0.0.1:4010/api/',
        SLACK_FILES_URL: 'http://127.0.0.1:4010',
      }),
    ).toEqual([
      "SLACK_FILES_URL: must be a file host, not the Web API's origin http://127.0.0.1:4010: a file URL there would spend the bot token on an API call (e.g. SLACK_FILES_URL=https://files.slack.com)",
    ]);
    expect(issuesOf({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, SLACK_FILES_URL: 'https://acme.slack.com' })[0]).toContain(
      "not the Web API's origin https://acme.slack.com",
    );
    expect(issuesOf({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, SLACK_FILES_URL: 'http://files.example.com' })).toEqual([
      'SLACK_FILES_URL: must be an https:// URL (the bot token is sent there), got "http://files.example.com"; http:// is only for a test server on 127.0.0.1',
    ]);
  });
});

describe('parseEnv LLM coherence', () => {
  it('when a key and model are set, then the LLM uses OpenAI with the timeouts', () => {
    expect(parseEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'gpt-4o-mini' }).llm).toEqual({
      apiKey: 'sk-test',
      model: 'gpt-4o-mini',
      timeoutMs: 60000,
      maxRetries: 2,
    });
  });

  it('when only a base URL and model are set, then the key is a placeholder (local servers need none)', () => {
    expect(parseEnv({ OPENAI_BASE_URL: 'http://localhost:11434/v1', OPENAI_MODEL: 'llama3.1' }).llm).toEqual({
      baseURL: 'http://localhost:11434/v1',
      apiKey: LLM_PLACEHOLDER_API_KEY,
      model: 'llama3.1',
      timeoutMs: 60000,
      maxRetries: 2,
    });
  });

  it('when a base URL is set without a model, then OPENAI_MODEL is reported with an example', () => {
    expect(issuesOf({ OPENAI_BASE_URL: 'http://localhost:11434/v1' })).toEqual([
      'OPENAI_MODEL: required when OPENAI_BASE_URL is set (e.g. OPENAI_MODEL=gpt-4o-mini)',
    ]);
  });

  it('when a key is set without a model, then OPENAI_MODEL is reported', () => {
    expect(issuesOf({ OPENAI_API_KEY: 'sk-test' })).toEqual([
      'OPENAI_MODEL: required when OPENAI_API_KEY is set (e.g. OPENAI_MODEL=gpt-4o-mini)',
    ]);
  });

  it('when a model is set with no endpoint or key, then OPENAI_MODEL is reported rather than silently ignored', () => {
    expect(issuesOf({ OPENAI_MODEL: 'gpt-4o-mini' })).toHaveLength(1);
  });
});

describe('parseEnv reporting', () => {
  it('when several variables are bad, then every one is listed together by name', () => {
    const issues = issuesOf({
      DATABASE_URL: 'mysql://db/floorready',
      PORT: 'eighty',
      OPENAI_BASE_URL: 'localhost:11434',
      OPENAI_TIMEOUT_MS: '-5',
      FLOORREADY_INTEGRATION_SECRET: 'short',
      LOG_LEVEL: 'verbose',
      SLACK_BOT_TOKEN: BOT,
    });
    expect(issues).toEqual([
      'DATABASE_URL: must be a file: path (SQLite) or a postgres:// or postgresql:// URL (e.g. DATABASE_URL=file:./data/floorready.db)',
      'PORT: must be a whole number from 1 to 65535, got "eighty" (e.g. PORT=3000)',
      'OPENAI_BASE_URL: must be an http:// or https:// URL, got "localhost:11434" (e.g. OPENAI_BASE_URL=http://localhost:11434/v1)',
      'OPENAI_TIMEOUT_MS: must be a whole number from 1000 to 600000, got "-5" (e.g. OPENAI_TIMEOUT_MS=60000)',
      'FLOORREADY_INTEGRATION_SECRET: must be at least 16 characters (e.g. FLOORREADY_INTEGRATION_SECRET=$(openssl rand -hex 32)), or leave it unset to disable the HTTP ingest endpoint',
      'LOG_LEVEL: must be one of debug, info, warn, error, got "verbose" (e.g. LOG_LEVEL=info)',
      'SLACK_SIGNING_SECRET: required in HTTP mode when SLACK_BOT_TOKEN is set (copy it from Basic Information → App Credentials), or use Socket Mode with SLACK_SOCKET_MODE=true and SLACK_APP_TOKEN=xapp-…',
      'OPENAI_MODEL: required when OPENAI_BASE_URL is set (e.g. OPENAI_MODEL=gpt-4o-mini)',
    ]);
  });

  it('when a secret is invalid, then its value is not echoed in the message', () => {
    try {
      parseEnv({ FLOORREADY_INTEGRATION_SECRET: 'tooShortSecret', DATABASE_URL: 'mysql://u:hunter2@db/x' });
      expect.unreachable();
    } catch (error) {
      const message = (error as ConfigError).userMessage;
      expect(message).not.toContain('tooShortSecret');
      expect(message).not.toContain('hunter2');
      expect(message).toMatch(/^The environment is not valid for floorready:\n {2}- DATABASE_URL: /);
    }
  });
});
