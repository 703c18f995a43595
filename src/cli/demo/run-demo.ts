import { rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config/config-file.ts';
import { AppError, isAppError } from '../../domain/app-error.ts';
import { buildCalibrationReport } from '../../domain/calibration/index.ts';
import { openDatabase, resolveDatabaseUrl, DEFAULT_DATABASE_URL } from '../../db/client.ts';
import { createEmbeddedScorer } from '../../scoring/embedded-scorer.ts';
import { createServices, scoringSettings, type Services } from '../../services.ts';
import { applyConfig } from '../../use-cases/apply-config.ts';
import { buildReadinessReport, buildTeamReport, thresholdsFromConfig } from '../../use-cases/build-readiness-report.ts';
import { importScores } from '../../use-cases/import-scores.ts';
import { ingestCall, type IngestCallInput } from '../../use-cases/ingest-call.ts';
import { addRedactionCounts, emptyRedactionCounts } from '../../ingest/redact-pii.ts';
import { scoreQueuedCalls } from '../../use-cases/score-calls.ts';
import type { CliIo } from '../cli-context.ts';
import { renderAgentReadiness, renderTeamReport } from '../render-readiness.ts';
import { buildDemoCalls, DEMO_MALFORMED_FILE, DEMO_NOW, DEMO_SEED, type DemoCall } from './build-demo-calls.ts';
import { buildHumanReviewCsv, DEMO_REVIEWER, DEMO_REVIEWS_NOTE } from './build-human-review-csv.ts';
import { renderCalibration, renderScorecards, renderStoredSummary } from './render-demo-sections.ts';
import { planDemoSlackMessages, renderSlackSection } from './render-slack-section.ts';

export const DEFAULT_DEMO_DATABASE = 'data/demo.db';
const EXAMPLE_CONFIG = fileURLToPath(new URL('../../../floorready.config.example.yml', import.meta.url));
const DEMO_TEAM = 'northside';
/** How many calls the demo imports a second time, to show they are stored once. */
const REIMPORTED = 3;

export interface DemoOptions {
  database?: string;
  /** Keep the demo database of an earlier run instead of starting fresh. */
  keep?: boolean;
}

/** The demo database file; refuses the file DATABASE_URL names, so the demo can never wipe real data. */
const demoDatabasePath = (io: CliIo, database: string | undefined): string => {
  const path = resolve(io.cwd, database ?? DEFAULT_DEMO_DATABASE);
  const configured = resolveDatabaseUrl(io.env.DATABASE_URL || DEFAULT_DATABASE_URL, io.cwd);
  if (configured.provider === 'sqlite' && configured.filePath === path) {
    throw new AppError(
      'demo_database_in_use',
      `The demo recreates its database from scratch, and ${relative(io.cwd, path) || path} is the one DATABASE_URL names. Pick another file with --database.`,
    );
  }
  return path;
};

const removeDatabase = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
};

const section = (io: CliIo, title: string): void => {
  io.out('');
  io.out(title);
};

const ingestInput = (call: Pick<DemoCall, 'content' | 'fileName' | 'agent' | 'callType' | 'kind' | 'occurredAt' | 'externalId'>): IngestCallInput => ({
  content: call.content,
  fileName: call.fileName,
  agent: call.agent,
  callType: call.callType,
  kind: call.kind,
  occurredAt: call.occurredAt,
  externalId: call.externalId,
  source: 'demo',
  sourceName: `demo/${call.fileName}`,
});

const importTranscripts = async (io: CliIo, services: Services, maxBytes: number, calls: readonly DemoCall[]) => {
  const deps = { directory: services.directory, calls: services.calls, now: services.now, maxBytes };
  const imported: DemoCall[] = [];
  const redactions = emptyRedactionCounts();
  let duplicates = 0;
  const failed: { file: string; reason: string }[] = [];
  const attempt = async (input: IngestCallInput, call: DemoCall | null) => {
    try {
      const result = await ingestCall(deps, input);
      if (result.status === 'duplicate') {
        duplicates += 1;
        return;
      }
      if (call) imported.push(call);
      addRedactionCounts(redactions, result.redactions);
    } catch (error) {
      if (!isAppError(error)) throw error;
      failed.push({ file: input.fileName ?? '(pasted)', reason: error.userMessage });
    }
  };
  for (const call of calls) await attempt(ingestInput(call), call);
  const firstRun = { imported: imported.length, duplicates, failed: failed.length };
  io.out(`  imported ${firstRun.imported} of ${calls.length} transcripts, duplicates ${firstRun.duplicates}, failed ${firstRun.failed}`);

  const again = calls.slice(0, REIMPORTED);
  for (const call of again) await attempt(ingestInput(call), null);
  io.out(`  imported ${again.map((call) => call.externalId).join(', ')} a second time: ${duplicates - firstRun.duplicates} duplicates, nothing stored twice`);

  await attempt(
    { content: DEMO_MALFORMED_FILE.content, fileName: DEMO_MALFORMED_FILE.fileName, agent: 'AG-101', callType: 'basic_inbound', externalId: 'NS-BROKEN', source: 'demo' },
    null,
  );
  for (const failure of failed) io.out(`  failed ${failure.file}: ${failure.reason}`);
  return { imported, redactions, unexpectedFailures: failed.filter((failure) => failure.file !== DEMO_MALFORMED_FILE.fileName).length };
};

/**
 * `floorready demo`: the whole loop on made-up data, offline. A fresh SQLite database, the example
 * config, a fixed clock; the demo team's transcripts are imported, scored by the embedded scorer,
 * re-scored in part by a human reviewer, and reported: scorecards, readiness and coaching per agent,
 * the team report and the AI-versus-human calibration; then the Slack messages the loop would send, as a
 * dry run (nothing sent, no outbox row claimed).
 */
export const runDemo = async (io: CliIo, options: DemoOptions): Promise<number> => {
  const started = performance.now();
  const path = demoDatabasePath(io, options.database);
  if (!options.keep) removeDatabase(path);
  const config = await loadConfig(EXAMPLE_CONFIG);
  const program = config.programs[0];
  const shownPath = relative(io.cwd, path) || path;

  io.out('floorready demo: the whole loop on made-up data, with no Slack and no LLM');
  io.out(`  database  ${shownPath} (${options.keep ? 'kept from the last run' : 'fresh'}; DATABASE_URL is not touched)`);
  io.out(`  config    ${relative(io.cwd, EXAMPLE_CONFIG)}: team ${DEMO_TEAM}, program ${program?.key ?? '—'} ${program ? `(${program.startsAt} → ${program.completesAt})` : ''}`);
  io.out(`  clock     fixed at ${DEMO_NOW.toISOString()}, so every run shows the same figures`);

  const db = await openDatabase(`file:${path}`, { createFolder: true });
  try {
    const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => DEMO_NOW });
    const applied = await applyConfig(services, config);
    const rubric = applied.rubric;
    const thresholds = thresholdsFromConfig(config);

    const calls = buildDemoCalls(DEMO_SEED);
    section(io, '1. Import: the demo team’s transcripts, through the same ingest as `floorready import`');
    const stored = await importTranscripts(io, services, config.ingest.maxBytes, calls);
    for (const line of renderStoredSummary(stored)) io.out(line);
    const sample = await services.calls.findByExternalId(calls.find((call) => call.plan.scenario === 'double-charge')?.externalId ?? '');
    const verification = sample?.turns?.find((turn) => turn.role === 'customer' && turn.text.includes('['));
    if (verification) io.out(`  as stored: “${verification.text}”`);

    section(io, '2. Score: the embedded offline scorer (rules, no LLM: the demo never calls one)');
    const queued = (await services.calls.countByState()).queued;
    const summary = await scoreQueuedCalls({
      calls: services.calls,
      scores: services.scores,
      directory: services.directory,
      scorer: services.scorer,
      now: services.now,
      sleep: services.sleep,
      settings: scoringSettings(config, { concurrency: 4 }),
    });
    io.out(`  scored ${summary.scored} of ${queued} queued calls, failed ${summary.failed.length}; scorer ${summary.scorer} (${summary.model}), 0 tokens, no cost`);

    const csv = buildHumanReviewCsv(calls, { agents: ['AG-101', 'AG-104'], perAgent: 12, seed: DEMO_SEED, criteria: rubric.criteria.map((c) => c.key) });
    const human = await importScores(services, csv);
    io.out(
      `  human review: the "${DEMO_REVIEWER}" re-scored ${human.callsMatched} calls (${human.scoresStored} criterion scores) through \`import-scores\`; ` +
        'a human score sits beside the AI score and counts in its place',
    );
    io.out(`  (${DEMO_REVIEWS_NOTE})`);

    const team = await buildTeamReport(services, { team: DEMO_TEAM, thresholds });
    section(io, '3. Scorecards: live calls, now versus each agent’s pre-training baseline');
    for (const line of renderScorecards(team.agents, rubric.criteria)) io.out(line);

    section(io, '4. Readiness and what to do, per agent (as `floorready readiness <agent>` prints it)');
    for (const agent of team.agents) {
      const { report } = await buildReadinessReport(services, { agent: agent.agent.key, thresholds });
      for (const line of renderAgentReadiness(report, rubric.criteria)) io.out(line);
    }
    io.out('(✓/✗ = met or missed the threshold in the last batches, −n = points short; Δ = latest batch versus baseline)');

    section(io, '5. Team (as `floorready team northside` prints it)');
    io.out(renderTeamReport(team));

    section(io, '6. Calibration: AI versus the made-up reviews on the same calls (a demonstration, not a measure of the scorer)');
    io.out(`  ${DEMO_REVIEWS_NOTE}`);
    for (const line of renderCalibration(buildCalibrationReport(await services.scores.calibrationPairs()), rubric.criteria)) io.out(line);

    section(io, '7. Slack: the messages it would send (dry run: nothing is sent)');
    const slack = await planDemoSlackMessages(services, { config, team: DEMO_TEAM, now: DEMO_NOW });
    const slackLines = renderSlackSection(slack, {
      coachingAbout: 'Chloe Martin',
      fullDigestCommand: `DATABASE_URL=file:./${shownPath} npx floorready digest --dry-run --at ${DEMO_NOW.toISOString()}`,
    });
    for (const line of slackLines) io.out(line);

    io.out('');
    io.out(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s. The demo database stays at ${shownPath}; look around with`);
    io.out(`  DATABASE_URL=file:./${shownPath} npx floorready readiness AG-103 --json   (or calls, team northside, calibration)`);
    return stored.unexpectedFailures > 0 || summary.failed.length > 0 || slack.run.errors.length > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
};
