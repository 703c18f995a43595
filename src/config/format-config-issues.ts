import type { z } from 'zod';

// Turns zod issues into one line each, `path: problem`, in the words of a YAML file's author:
// `teams[0].agents[1].email: invalid email "bob@"`.

export type ConfigPath = (string | number)[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['rubric', 'criteria', 2, 'weight']` → `rubric.criteria[2].weight`. */
export const formatConfigPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    const key = String(part);
    if (!IDENTIFIER.test(key)) return `${out}[${JSON.stringify(key)}]`;
    return out === '' ? key : `${out}.${key}`;
  }, '');

const describeValue = (value: unknown): string => {
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
};

const EXPECTED: Record<string, string> = {
  object: 'a mapping (key: value lines)',
  array: 'a list (lines starting with "- ")',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

const plural = (n: number | bigint, word: string): string => `${n} ${word}${Number(n) === 1 ? '' : 's'}`;

/**
 * The default wording of config issues, passed to zod as the parse-level error map; messages set on a
 * schema (custom refinements, format errors with their own text) take precedence.
 */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'required';
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (issue.expected === 'int') return `must be a whole number, got ${String(issue.input)}`;
      const hint =
        issue.expected === 'string' && (typeof issue.input === 'number' || typeof issue.input === 'boolean')
          ? ` (put it in quotes: "${String(issue.input)}")`
          : '';
      return `expected ${expected}, got ${describeValue(issue.input)}${hint}`;
    }
    case 'too_small': {
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${plural(issue.minimum, 'item')}`;
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${plural(issue.minimum, 'character')}`;
      }
      const bound = issue.inclusive ? 'at least' : 'greater than';
      return `must be ${bound} ${String(issue.minimum)}, got ${String(issue.input)}`;
    }
    case 'too_big': {
      if (issue.origin === 'array' || issue.origin === 'set') return `has more than ${plural(issue.maximum, 'item')}`;
      if (issue.origin === 'string') return `must be at most ${plural(issue.maximum, 'character')}`;
      const bound = issue.inclusive ? 'at most' : 'less than';
      return `must be ${bound} ${String(issue.maximum)}, got ${String(issue.input)}`;
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
      return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${keys} (check the spelling; keys are camelCase)`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, got ${describeValue(issue.input)}`;
    case 'invalid_format':
      return `invalid ${issue.format}, got ${describeValue(issue.input)}`;
    case 'invalid_key':
      return `invalid key ${describeValue(issue.input)}`;
    default:
      return undefined;
  }
};

/** One line per issue, `path: problem`, in the order zod found them. */
export const formatConfigIssues = (issues: readonly z.core.$ZodIssue[]): string[] =>
  issues.map((issue) => `${formatConfigPath(issue.path) || '(top level)'}: ${issue.message}`);
