import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from '../db/database-url.ts';
import { fileOriginProblem, SLACK_FILE_ORIGINS } from './slack-file-origins.ts';
import { ConfigError } from './config-error.ts';

// Environment variables, parsed once by the composition root. Every message names the variable,
// says what is wrong and how to fix it. Secrets are never echoed back.

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const TRUTHY = ['true', '1'];
const FALSY = ['false', '0'];

/** apiKey used when only OPENAI_BASE_URL is set (a local server such as Ollama needs none). */
export const LLM_PLACEHOLDER_API_KEY = 'not-needed';

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

const intInRange = (name: string, min: number, max: number, example: number) =>
  z
    .string()
    .refine((v) => /^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max, {
      error: (issue) => `must be a whole number from ${min} to ${max}, got ${JSON.stringify(issue.input)} (e.g. ${name}=${example})`,
    })
    .transform((v) => Number(v));

const httpUrl = (name: string, example: string) =>
  z.string().refine(isHttpUrl, {
    error: (issue) => `must be an http:// or https:// URL, got ${JSON.stringify(issue.input)} (e.g. ${name}=${example})`,
  });

const EnvFieldsSchema = z.object({
  DATABASE_URL: z
    .string()
    .refine((v) => /^(file:|postgres:\/\/|postgresql:\/\/)/.test(v), {
      error: 'must be a file: path (SQLite) or a postgres:// or postgresql:// URL (e.g. DATABASE_URL=file:./data/floorready.db)',
    })
    .default(DEFAULT_DATABASE_URL),
  FLOORREADY_CONFIG: z.string().default('floorready.config.yml'),

  SLACK_BOT_TOKEN: z
    .string()
    .startsWith('xoxb-', {
      error: 'must start with "xoxb-" (the Bot User OAuth Token, under OAuth & Permissions in the Slack app settings)',
    })
    .optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith('xapp-', {
      error: 'must start with "xapp-" (an app-level token with the connections:write scope, under Basic Information → App-Level Tokens)',
    })
    .optional(),
  SLACK_SOCKET_MODE: z
    .string()
    .refine((v) => [...TRUTHY, ...FALSY].includes(v.trim().toLowerCase()), {
      error: (issue) => `must be true, false, 1 or 0, got ${JSON.stringify(issue.input)} (e.g. SLACK_SOCKET_MODE=true)`,
    })
    .transform((v) => TRUTHY.includes(v.trim().toLowerCase()))
    .optional(),
  SLACK_API_URL: httpUrl('SLACK_API_URL', 'http://127.0.0.1:4010/api/').optional(),
  /** The one host files are downloaded from instead of Slack's own (a test fake, a proxy): never derived from SLACK_API_URL. */
  SLACK_FILES_URL: httpUrl('SLACK_FILES_URL', 'https://files.slack.com').optional(),
  PORT: intInRange('PORT', 1, 65535, 3000).default(3000),

  OPENAI_BASE_URL: httpUrl('OPENAI_BASE_URL', 'http://localhost:11434/v1').optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_MODEL: z.string().optional(),
  OPENAI_TIMEOUT_MS: intInRange('OPENAI_TIMEOUT_MS', 1000, 600000, 60000).default(60000),
  OPENAI_MAX_RETRIES: intInRange('OPENAI_MAX_RETRIES', 0, 10, 2).default(2),

  FLOORREADY_INTEGRATION_SECRET: z
    .string()
    .min(16, {
      error:
        'must be at least 16 characters (e.g. FLOORREADY_INTEGRATION_SECRET=$(openssl rand -hex 32)), or leave it unset to disable the HTTP ingest endpoint',
    })
    .optional(),

  LOG_LEVEL: z
    .enum(LOG_LEVELS, {
      error: (issue) => `must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(issue.input)} (e.g. LOG_LEVEL=info)`,
    })
    .default('info'),
});

type EnvFields = z.infer<typeof EnvFieldsSchema>;

/** Slack mode resolved from the variables: null when Slack is not configured at all (CLI only). */
export type SlackEnv =
  | null
  | {
      mode: 'socket';
      botToken: string;
      appToken: string;
      signingSecret?: string;
      apiUrl?: string;
      /** The only origins a file's url_private may be on for the bot token to be sent there (ADR 0026). */
      fileOrigins: readonly string[];
    }
  | {
      mode: 'http';
      botToken: string;
      signingSecret: string;
      apiUrl?: string;
      fileOrigins: readonly string[];
    };

/** OpenAI-compatible endpoint settings; null when no LLM is configured (the embedded scorer runs). */
export type LlmEnv = null | {
  baseURL?: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
};

/** SLACK_SOCKET_MODE when set; otherwise on exactly when an app token is given. */
const socketModeOf = (fields: { SLACK_SOCKET_MODE?: unknown; SLACK_APP_TOKEN?: unknown }): boolean | undefined => {
  if (typeof fields.SLACK_SOCKET_MODE === 'boolean') return fields.SLACK_SOCKET_MODE;
  if (fields.SLACK_SOCKET_MODE === undefined) return fields.SLACK_APP_TOKEN !== undefined;
  return undefined; // invalid value: already reported
};

const deriveSlack = (f: EnvFields): SlackEnv => {
  if (f.SLACK_BOT_TOKEN === undefined) return null;
  const optional = {
    ...(f.SLACK_SIGNING_SECRET === undefined ? {} : { signingSecret: f.SLACK_SIGNING_SECRET }),
    ...(f.SLACK_API_URL === undefined ? {} : { apiUrl: f.SLACK_API_URL }),
    fileOrigins: f.SLACK_FILES_URL === undefined ? SLACK_FILE_ORIGINS : [new URL(f.SLACK_FILES_URL).origin],
  };
  if (socketModeOf(f) === true && f.SLACK_APP_TOKEN !== undefined) {
    return { mode: 'socket', botToken: f.SLACK_BOT_TOKEN, appToken: f.SLACK_APP_TOKEN, ...optional };
  }
  // Coherence checks guarantee a signing secret here.
  return {
    mode: 'http',
    botToken: f.SLACK_BOT_TOKEN,
    signingSecret: f.SLACK_SIGNING_SECRET ?? '',
    ...(f.SLACK_API_URL === undefined ? {} : { apiUrl: f.SLACK_API_URL }),
    fileOrigins: optional.fileOrigins,
  };
};

const deriveLlm = (f: EnvFields): LlmEnv => {
  if (f.OPENAI_MODEL === undefined) return null;
  if (f.OPENAI_API_KEY === undefined && f.OPENAI_BASE_URL === undefined) return null;
  return {
    ...(f.OPENAI_BASE_URL === undefined ? {} : { baseURL: f.OPENAI_BASE_URL }),
    apiKey: f.OPENAI_API_KEY ?? LLM_PLACEHOLDER_API_KEY,
    model: f.OPENAI_MODEL,
    timeoutMs: f.OPENAI_TIMEOUT_MS,
    maxRetries: f.OPENAI_MAX_RETRIES,
  };
};

/** Empty or blank strings count as unset. */
const dropEmpty = (input: unknown): unknown => {
  if (typeof input !== 'object' || input === null) return input;
  return Object.fromEntries(Object.entries(input).filter(([, value]) => !(typeof value === 'string' && value.trim() === '')));
};

export const EnvSchema = z
  .preprocess(
    dropEmpty,
    EnvFieldsSchema.superRefine(
      (fields, ctx) => {
        // Runs even when a field is malformed, so every problem is listed at once; only presence is read.
        const has = (name: keyof EnvFields): boolean => fields[name] !== undefined;
        const problem = (name: keyof EnvFields, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });

        const socketMode = socketModeOf(fields);
        if (socketMode === true && !has('SLACK_APP_TOKEN')) {
          problem(
            'SLACK_APP_TOKEN',
            'required when SLACK_SOCKET_MODE is on (e.g. SLACK_APP_TOKEN=xapp-…, an app-level token with connections:write), or set SLACK_SOCKET_MODE=false to use HTTP mode',
          );
        }
        const anySlack = has('SLACK_SIGNING_SECRET') || has('SLACK_APP_TOKEN') || socketMode === true;
        if (anySlack && !has('SLACK_BOT_TOKEN')) {
          problem(
            'SLACK_BOT_TOKEN',
            'required when other SLACK_* variables are set (e.g. SLACK_BOT_TOKEN=xoxb-…), or unset them to run without Slack',
          );
        }
        if (has('SLACK_BOT_TOKEN') && socketMode === false && !has('SLACK_SIGNING_SECRET')) {
          problem(
            'SLACK_SIGNING_SECRET',
            'required in HTTP mode when SLACK_BOT_TOKEN is set (copy it from Basic Information → App Credentials), or use Socket Mode with SLACK_SOCKET_MODE=true and SLACK_APP_TOKEN=xapp-…',
          );
        }

        if (typeof fields.SLACK_FILES_URL === 'string') {
          const reason = fileOriginProblem(
            fields.SLACK_FILES_URL,
            typeof fields.SLACK_API_URL === 'string' ? fields.SLACK_API_URL : undefined,
          );
          if (reason) problem('SLACK_FILES_URL', reason);
        }

        if (!has('OPENAI_MODEL')) {
          const because = has('OPENAI_BASE_URL') ? 'OPENAI_BASE_URL' : has('OPENAI_API_KEY') ? 'OPENAI_API_KEY' : null;
          if (because !== null) {
            problem('OPENAI_MODEL', `required when ${because} is set (e.g. OPENAI_MODEL=gpt-4o-mini)`);
          }
        } else if (!has('OPENAI_BASE_URL') && !has('OPENAI_API_KEY')) {
          problem(
            'OPENAI_MODEL',
            'set, but no LLM endpoint is: set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (any OpenAI-compatible server), or unset OPENAI_MODEL to use the embedded scorer',
          );
        }
      },
      { when: () => true },
    ),
  )
  .transform((fields) => ({ ...fields, slack: deriveSlack(fields), llm: deriveLlm(fields) }));

export type Env = z.infer<typeof EnvSchema>;

const formatEnvIssue = (issue: z.core.$ZodIssue): string => {
  const name = issue.path.length === 0 ? '(environment)' : issue.path.map(String).join('.');
  return `${name}: ${issue.message}`;
};

/** Parses the environment once at start-up; throws ConfigError('config_env_invalid') listing every bad variable. */
export const parseEnv = (env: Record<string, string | undefined>): Env => {
  const result = EnvSchema.safeParse(env);
  if (result.success) return result.data;
  const issues = result.error.issues.map(formatEnvIssue);
  throw new ConfigError('config_env_invalid', 'The environment is not valid for floorready:', issues);
};
