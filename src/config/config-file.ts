import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { AppError } from '../domain/app-error.ts';
import { ConfigError } from './config-error.ts';
import { ConfigSchema, type Config } from './config-schema.ts';
import { configErrorMap, formatConfigIssues } from './format-config-issues.ts';

// Reading and parsing the floorready config file. This module is the config file's public face:
// import the schema, its types and the lookups from here.

export * from './config-schema.ts';
export { ConfigError, isConfigError } from './config-error.ts';
export {
  findAgentByRef,
  listAgents,
  programAgents,
  readinessThreshold,
  toCallTypeDefs,
  toRubricCriteria,
  type AgentMatch,
} from './config-lookups.ts';

export const EXAMPLE_CONFIG_FILE = 'floorready.config.example.yml';

/** Alias expansions allowed in a config file (yaml's maxAliasCount). */
export const MAX_YAML_ALIASES = 100;

const problems = (count: number): string => `${count} problem${count === 1 ? '' : 's'}`;

/** `Map keys must be unique at line 3, column 1:\n\n…` → `Map keys must be unique`. */
const yamlMessage = (message: string): string => (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?\s*$/, '').trim();

/**
 * Parses the text of a config file. Throws ConfigError('config_invalid') listing every problem at
 * once: YAML syntax errors as `line L, column C: …`, schema errors as `path: problem`.
 */
export const parseConfig = (text: string, sourceName: string): Config => {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => {
      const at = error.linePos?.[0];
      const where = at === undefined ? '' : `line ${at.line}, column ${at.col}: `;
      return `${where}${yamlMessage(error.message)}`;
    });
    throw new ConfigError('config_invalid', `${sourceName} is not valid YAML (${problems(issues.length)}):`, issues);
  }

  let data: unknown;
  try {
    // Aliases are limited, so a "billion laughs" file (aliases of aliases) is refused instead of filling memory.
    data = document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? {};
  } catch (error) {
    throw new ConfigError('config_invalid', `${sourceName} is not valid YAML (1 problem):`, [
      `it expands aliases (*name) more than ${MAX_YAML_ALIASES} times; write the values out instead of nesting aliases (${(error as Error).message})`,
    ]);
  }
  const result = ConfigSchema.safeParse(data, { error: configErrorMap, reportInput: true });
  if (result.success) return result.data;
  const issues = formatConfigIssues(result.error.issues);
  throw new ConfigError('config_invalid', `${sourceName} has ${problems(issues.length)}:`, issues, {
    cause: result.error,
  });
};

/** Reads and parses the config file at `path` (the one file read of this module). */
export const loadConfig = async (path: string): Promise<Config> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new AppError(
        'config_not_found',
        `No config file at ${resolve(path)}. Copy ${EXAMPLE_CONFIG_FILE} to ${path} and edit it, or point FLOORREADY_CONFIG at your config file.`,
        { cause: error },
      );
    }
    throw new AppError(
      'config_unreadable',
      `Could not read the config file ${resolve(path)} (${code ?? String(error)}). Check that it is a readable file.`,
      { cause: error },
    );
  }
  return parseConfig(text, path);
};
