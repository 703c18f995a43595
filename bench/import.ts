/**
 * Import benchmark (a script that prints figures, not a test): `npm run bench:import`.
 *
 * For every call-platform export in test/fixtures/platforms (one format per fixture file) and for SQLite
 * (a temp file) and PostgreSQL (a throwaway `bench_<random>` schema on BENCH_POSTGRES_URL, default
 * postgresql://postgres@127.0.0.1:5432/test; skipped when unreachable), it stores BENCH_TRANSCRIPTS
 * (default 200) transcripts one after another through the ingestion use case — parse, map roles,
 * redact PII, store — exactly as the CLI, HTTP and Slack do, and prints transcripts per second against
 * the goal of 200/s. Each copy gets its own order number and external id, so none is a duplicate. The
 * agent is resolved once per run, as the CLI's folder import does.
 * Node runs it on one core (the use case is awaited one transcript at a time); PostgreSQL's own server
 * process is outside that core. The parse + redact share alone (no database) is printed beside it.
 *
 * Options (env): BENCH_TRANSCRIPTS, BENCH_PROVIDERS (default "sqlite,postgresql").
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadConfig } from '../src/config/config-file.ts';
import { openDatabase } from '../src/db/client.ts';
import { dropPgSchema, pgReachable } from '../src/db/database-connection.ts';
import { resolveDatabaseUrl } from '../src/db/database-url.ts';
import { mapRoles } from '../src/ingest/map-roles.ts';
import { parseTranscript } from '../src/ingest/parse-transcript.ts';
import { redactTurns } from '../src/ingest/redact-pii.ts';
import { createEmbeddedScorer } from '../src/scoring/embedded-scorer.ts';
import { createServices } from '../src/services.ts';
import { applyConfig } from '../src/use-cases/apply-config.ts';
import { ingestCall } from '../src/use-cases/ingest-call.ts';
import { withAgentLookupCache } from '../src/use-cases/with-agent-lookup-cache.ts';

const TRANSCRIPTS = Number(process.env.BENCH_TRANSCRIPTS ?? 200);
const GOAL_PER_SECOND = 200;
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const PROVIDERS = (process.env.BENCH_PROVIDERS ?? 'sqlite,postgresql').split(',').map((p) => p.trim());
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(ROOT, 'test/fixtures/platforms');
const CONFIG = path.join(ROOT, 'floorready.config.example.yml');
const MAX_BYTES = 2 * 1024 * 1024;

const fixtures = await Promise.all(
  (await readdir(FIXTURES))
    .filter((name) => !name.endsWith('.md'))
    .sort()
    .map(async (name) => ({ name, text: await readFile(path.join(FIXTURES, name), 'utf8') })),
);

/** Copy `i` of a fixture: its order number (the 4 digits after "order ", also where a word list splits it off) made unique. */
const copyOf = (text: string, i: number): string => {
  const order = /order (\d{4})/.exec(text)?.[1];
  if (order === undefined) throw new Error('every platform fixture names an order number');
  return text.replaceAll(order, `${order}-${i}`);
};

interface Row {
  provider: string;
  format: string;
  file: string;
  perSecond: number;
  parseRedactPerSecond: number;
}

const benchProvider = async (provider: string, url: string): Promise<Row[]> => {
  const db = await openDatabase(url);
  try {
    const services = createServices(db, { scorer: createEmbeddedScorer() });
    await applyConfig(services, await loadConfig(CONFIG));
    // As the CLI's folder import runs it: the agent resolved once per run.
    const deps = { directory: withAgentLookupCache(services.directory), calls: services.calls, now: services.now, maxBytes: MAX_BYTES };
    const rows: Row[] = [];
    for (const [f, fixture] of fixtures.entries()) {
      const copies = Array.from({ length: TRANSCRIPTS }, (_, i) => copyOf(fixture.text, i));
      // Warm-up (JIT, prepared statements), not counted.
      await ingestCall(deps, {
        content: copyOf(fixture.text, -1),
        fileName: fixture.name,
        agent: 'AG-101',
        externalId: `warm-${f}`,
        source: 'cli',
      });

      let started = performance.now();
      for (const copy of copies) mapRolesAndRedact(copy, fixture.name);
      const parseRedactSeconds = (performance.now() - started) / 1000;

      started = performance.now();
      let format = '';
      for (const [i, copy] of copies.entries()) {
        const result = await ingestCall(deps, {
          content: copy,
          fileName: fixture.name,
          agent: 'AG-101',
          externalId: `bench-${f}-${i}`,
          source: 'cli',
        });
        if (result.status !== 'imported') throw new Error(`${fixture.name} copy ${i} was not imported (${result.status})`);
        format = result.format;
      }
      const seconds = (performance.now() - started) / 1000;
      rows.push({
        provider,
        format,
        file: fixture.name,
        perSecond: TRANSCRIPTS / seconds,
        parseRedactPerSecond: TRANSCRIPTS / parseRedactSeconds,
      });
    }
    return rows;
  } finally {
    await db.close();
  }
};

/** The CPU part alone: parse, map roles, redact (what happens before the database). */
const mapRolesAndRedact = (text: string, fileName: string): void => {
  const parsed = parseTranscript(text, { fileName, maxBytes: MAX_BYTES });
  redactTurns(mapRoles(parsed.turns, { agentNames: ['Ana Ruiz', 'Ana'] }).turns);
};

const rows: Row[] = [];
if (PROVIDERS.includes('sqlite')) {
  const dir = await mkdtemp(path.join(tmpdir(), 'floorready-bench-import-'));
  try {
    rows.push(...(await benchProvider('sqlite', `file:${path.join(dir, 'bench.db')}`)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
if (PROVIDERS.includes('postgresql')) {
  const target = resolveDatabaseUrl(POSTGRES_URL);
  if (target.provider === 'postgresql' && (await pgReachable(target.connection))) {
    const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const url = new URL(POSTGRES_URL);
    url.searchParams.set('schema', schema);
    try {
      rows.push(...(await benchProvider('postgresql', url.toString())));
    } finally {
      await dropPgSchema(target.connection, schema);
    }
  } else {
    console.log(`postgresql: nothing answers at ${POSTGRES_URL}; skipped.`);
  }
}

console.log(
  `\nImport benchmark: ${TRANSCRIPTS} transcripts per format, one at a time on one core: parse + map roles + redact PII + store.`,
);
console.log(`Goal: >= ${GOAL_PER_SECOND} transcripts/s per format. "parse+redact" is the same work without the database.\n`);
console.log(
  `${'provider'.padEnd(11)}${'format'.padEnd(27)}${'fixture'.padEnd(32)}${'stored/s'.padStart(9)}  goal  ${'parse+redact/s'.padStart(14)}  store share`,
);
for (const row of rows) {
  const storeShare = 1 - row.perSecond / row.parseRedactPerSecond;
  console.log(
    `${row.provider.padEnd(11)}${row.format.padEnd(27)}${row.file.padEnd(32)}${row.perSecond.toFixed(0).padStart(9)}  ${row.perSecond >= GOAL_PER_SECOND ? 'PASS' : 'MISS'}  ${row.parseRedactPerSecond.toFixed(0).padStart(14)}  ${(storeShare * 100).toFixed(0).padStart(9)}%`,
  );
}
const missed = rows.filter((row) => row.perSecond < GOAL_PER_SECOND);
console.log(`\n${rows.length - missed.length} of ${rows.length} format × database runs meet the goal.`);
// The figures only mean something on an idle machine: say how busy this one was.
const [load1 = 0] = loadavg();
console.log(
  `Machine: ${availableParallelism()} cores, load average ${load1.toFixed(1)} at the end of the run${load1 > availableParallelism() ? ' (busier than its cores: figures are low)' : ''}.`,
);
