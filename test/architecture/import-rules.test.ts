/**
 * The layering STYLE.md describes, checked on the source: the domain imports only the domain, use cases
 * never reach up into Slack, Block Kit builders depend on domain types only, and no module imports
 * itself through a cycle. Imports are read from the files (static `import … from` / `export … from` and
 * `import()` of relative paths), so a check fails the moment an import breaks a rule.
 *
 * No known debt is allowed: the use cases plan messages as domain data and the Slack sender renders them
 * (issue 12 emptied the list of exceptions this check started with).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/client.ts';
import { createServices } from '../../src/services.ts';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** Relative imports of one file, as paths relative to src/ (e.g. `use-cases/ingest-call.ts`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const target = path.resolve(path.dirname(file), match[1] ?? match[2]!);
    return path.relative(SRC, target).split(path.sep).join('/');
  });
}

const graph = new Map(sourceFiles(SRC).map((file) => [path.relative(SRC, file).split(path.sep).join('/'), importsOf(file)]));

function violations(from: (file: string) => boolean, to: (target: string) => boolean): string[] {
  return [...graph].flatMap(([file, targets]) =>
    targets
      .filter(to)
      .filter(() => from(file))
      .map((target) => `${file} → ${target}`),
  );
}

/** Every cycle found by a depth-first walk, each as `a → b → … → a`. */
function cycles(): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

/** A module's layer: its folder at the top of src/ (`use-cases`), or the file itself at the top (`services`). */
const layerOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file.replace(/\.ts$/, ''));

/** Imports between layers, each layer edge with one import that makes it (`from → to` ⇒ `file → target`). */
const layerEdges = new Map<string, string>();
for (const [file, targets] of graph)
  for (const target of targets) {
    const [from, to] = [layerOf(file), layerOf(target)];
    if (from !== to && !layerEdges.has(`${from} → ${to}`)) layerEdges.set(`${from} → ${to}`, `${file} → ${target}`);
  }

/** Every layer edge that lies on a cycle of layers (its target reaches its source again), with an import that makes it. */
function layerCycles(): string[] {
  const next = new Map<string, string[]>();
  for (const edge of layerEdges.keys()) {
    const [from, to] = edge.split(' → ') as [string, string];
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const reaches = (start: string, goal: string): boolean => {
    const seen = new Set<string>();
    const todo = [start];
    while (todo.length > 0) {
      const layer = todo.pop() as string;
      if (layer === goal) return true;
      if (seen.has(layer)) continue;
      seen.add(layer);
      todo.push(...(next.get(layer) ?? []));
    }
    return false;
  };
  return [...layerEdges]
    .filter(([edge]) => {
      const [from, to] = edge.split(' → ') as [string, string];
      return reaches(to, from);
    })
    .map(([edge, example]) => `${edge} (${example})`);
}

describe('import rules', () => {
  it('when the source is read, then its import graph is not empty (the rules below see real imports)', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('main.ts')?.length ?? 0).toBeGreaterThan(3);
  });

  it('when the domain imports, then only from the domain', () => {
    expect(
      violations(
        (file) => file.startsWith('domain/'),
        (target) => !target.startsWith('domain/'),
      ),
    ).toEqual([]);
  });

  it('when a use case imports, then never from slack/', () => {
    expect(
      violations(
        (file) => file.startsWith('use-cases/'),
        (target) => target.startsWith('slack/'),
      ),
    ).toEqual([]);
  });

  it('when a use case imports, then never from db/: it names repositories by their ports and records by domain types', () => {
    expect(
      violations(
        (file) => file.startsWith('use-cases/'),
        (target) => target.startsWith('db/'),
      ),
    ).toEqual([]);
  });

  it('when a Block Kit builder imports, then never a use case', () => {
    expect(
      violations(
        (file) => file.startsWith('slack/blocks/'),
        (target) => target.startsWith('use-cases/'),
      ),
    ).toEqual([]);
  });

  it('when a Block Kit builder imports, then only the domain and the Slack layer (no database, ingest or use case types)', () => {
    expect(
      violations(
        (file) => file.startsWith('slack/blocks/'),
        (target) => !target.startsWith('domain/') && !target.startsWith('slack/'),
      ),
    ).toEqual([]);
  });

  it('when modules import each other, then there is no cycle', () => {
    expect(cycles()).toEqual([]);
  });

  it('when layers import each other, then no layer reaches itself again (no config ⇄ db, no services ⇄ use-cases)', () => {
    expect(layerEdges.size).toBeGreaterThan(20);
    expect(layerEdges.has('services → db')).toBe(true);
    expect(layerCycles()).toEqual([]);
  });
});

describe('the database client stays in src/db (issue 16)', () => {
  /** The Prisma client, its raw queries, or its generated module: what only repositories may touch. */
  const RAW_DATABASE = /\.prisma\b|\$queryRaw|\$executeRaw|\$transaction|services\.db\b|from\s+['"][./]*generated\//;
  /** src/db holds the repositories; services.ts builds them from the client it is given. */
  const mayTouch = (file: string): boolean => file.startsWith('db/') || file === 'services.ts';

  it('when a module outside src/db queries the database, then it does so through a repository, never the client', () => {
    const touching = sourceFiles(SRC)
      .map((file) => path.relative(SRC, file).split(path.sep).join('/'))
      .filter((file) => !mayTouch(file) && RAW_DATABASE.test(readFileSync(path.join(SRC, file), 'utf8')));
    expect(touching).toEqual([]);
    // The pattern sees the client where it is used: the repositories use it.
    expect(RAW_DATABASE.test(readFileSync(path.join(SRC, 'db/call-repository.ts'), 'utf8'))).toBe(true);
  });

  it('when a repository fails, then it throws no words for users: it reports data, and the use case words the refusal', () => {
    const repositories = [...graph.keys()].filter((file) => /^db\/[a-z-]+-repository\.ts$/.test(file));
    expect(repositories.length).toBeGreaterThan(5);
    expect(
      violations(
        (file) => repositories.includes(file),
        (target) => target === 'domain/app-error.ts' || target.startsWith('config/'),
      ),
    ).toEqual([]);
  });

  it('when any db module fails, then it throws a code and parameters only (worded in domain/database-errors.ts), and it re-exports no domain record', () => {
    const dbModules = [...graph.keys()].filter((file) => file.startsWith('db/'));
    expect(dbModules.length).toBeGreaterThan(10);
    // An error built here would carry its own sentence: db modules call databaseError(code, params) instead.
    const WORDED_ERROR = /\bnew\s+(?:AppError|Error)\s*\(/;
    // Records are domain types: whoever needs one imports it from src/domain, not through a repository.
    const DOMAIN_RE_EXPORT = /export\s+(?:type\s+)?\{[^}]*\}\s*from\s*['"]\.\.\/domain\//;
    expect(WORDED_ERROR.test("throw new AppError('database_not_found', 'There is no database at ' + filePath)")).toBe(true);
    expect(DOMAIN_RE_EXPORT.test("export type { CallRecord, NewCall } from '../domain/stored-records.ts';")).toBe(true);
    const offending = dbModules.filter((file) => {
      const text = readFileSync(path.join(SRC, file), 'utf8');
      return WORDED_ERROR.test(text) || DOMAIN_RE_EXPORT.test(text);
    });
    expect(offending).toEqual([]);
    expect(
      violations(
        (file) => file.startsWith('db/'),
        (target) => target === 'domain/database-errors.ts',
      ).length,
    ).toBeGreaterThan(0);
  });

  it('when a use case names a repository, then it is the interface use-cases/ports.ts declares, not a type the db code infers', () => {
    const inferred = sourceFiles(SRC)
      .map((file) => path.relative(SRC, file).split(path.sep).join('/'))
      .filter((file) =>
        /ReturnType<typeof create\w*Repository>|export type \w+Repository\b/.test(readFileSync(path.join(SRC, file), 'utf8')),
      );
    expect(inferred).toEqual([]);
    const ports = readFileSync(path.join(SRC, 'use-cases/ports.ts'), 'utf8');
    for (const port of [
      'CallRepository',
      'ScoreRepository',
      'DirectoryRepository',
      'ReadinessRepository',
      'OutboxRepository',
      'DisputeRepository',
    ])
      expect(ports, port).toContain(`export interface ${port} {`);
  });

  it('when Services is built, then it holds repositories and neither the database nor its client', () => {
    // Building the repositories runs no query, so a stand-in client is enough to see what Services hands out.
    const prisma = {} as Database['prisma'];
    const rows = {} as Database['rows'];
    const db: Database = { prisma, rows, provider: 'sqlite', url: 'file:/nowhere.db', close: () => Promise.resolve() };
    const services = createServices(db, { scorer: { name: 'embedded', model: null, score: () => Promise.reject(new Error('unused')) } });
    expect(Object.keys(services)).toContain('health');
    expect(Object.entries(services).filter(([, value]) => value === db || value === prisma || value === rows)).toEqual([]);
  });
});

describe('one way to name a person (ADR 0021)', () => {
  const MENTION_LITERAL = /<@\(|<@\[|\[UW\]\[A-Z0-9\]/;

  it('when the source spells a Slack mention or member-id pattern, then only src/domain/access does', () => {
    const spelled = sourceFiles(SRC)
      .map((file) => path.relative(SRC, file).split(path.sep).join('/'))
      .filter((file) => !file.startsWith('domain/access/'))
      .filter((file) => MENTION_LITERAL.test(readFileSync(path.join(SRC, file), 'utf8')));
    expect(spelled).toEqual([]);
  });

  it('when a module decides who may act, then it is the access module: the old authorisers are gone', () => {
    for (const gone of [
      'use-cases/authorise-manager.ts',
      'domain/readiness-access.ts',
      'use-cases/load-viewer.ts',
      'use-cases/disputes/call-access.ts',
    ])
      expect(graph.has(gone), gone).toBe(false);
  });

  it('when a module spells an access rule (who of self and manager may act), then only src/domain/access does', () => {
    const rule = /\{\s*self:\s*(true|false),\s*manager:\s*(true|false)\s*\}/;
    const spelling = sourceFiles(SRC)
      .filter((file) => rule.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file).split(path.sep).join('/'));
    expect(spelling).toEqual(['domain/access/access-rules.ts']);
  });
});

describe('one way to open SQLite (ADR 0036)', () => {
  it('when the source opens better-sqlite3, then only through src/db/sqlite-driver.ts (which turns URI file names on before the driver loads)', () => {
    const direct = sourceFiles(SRC)
      .map((file) => path.relative(SRC, file).split(path.sep).join('/'))
      .filter((file) => file !== 'db/sqlite-driver.ts')
      .filter((file) =>
        /from\s+['"]better-sqlite3['"]|import\(\s*['"]better-sqlite3['"]\s*\)/.test(readFileSync(path.join(SRC, file), 'utf8')),
      );
    expect(graph.has('db/sqlite-driver.ts')).toBe(true);
    expect(direct).toEqual([]);
  });
});
