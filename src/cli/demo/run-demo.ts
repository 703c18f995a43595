import { rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config/config-file.ts';
import { teamTimeZone } from '../../config/config-lookups.ts';
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
import { renderAgentReadiness, renderTeamLines } from '../render-readiness.ts';
import { renderCalibration } from '../render-calibration.ts';
import { fitLines, formatCount } from '../format-figures.ts';
import { startProgress } from '../progress.ts';
import { trendChartFileName } from '../../domain/charts/index.ts';
import { loadTrendChart } from '../../use-cases/load-trend-chart.ts';
import { writeChartPng } from '../write-chart.ts';
import { buildDemoCalls, DEMO_MALFORMED_FILE, DEMO_NOW, DEMO_SEED, type DemoCall } from './build-demo-calls.ts';
import { buildHumanReviewCsv, DEMO_REVIEWER, DEMO_REVIEWS_NOTE } from './build-human-review-csv.ts';
import { renderScorecards, renderStoredSummary } from './render-demo-sections.ts';
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
  /** The whole walkthrough instead of the manager's view. */
  verbose?: boolean;
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

const ingestInput = (
  call: Pick<DemoCall, 'content' | 'fileName' | 'agent' | 'callType' | 'kind' | 'occurredAt' | 'externalId'>,
): IngestCallInput => ({
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
  const lines: string[] = [];
  const bar = startProgress(io, 'importing', calls.length + REIMPORTED + 1);
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
    } finally {
      bar.tick(input.fileName ?? '');
    }
  };
  try {
    for (const call of calls) await attempt(ingestInput(call), call);
    const firstRun = { imported: imported.length, duplicates, failed: failed.length };
    lines.push(
      `  imported ${firstRun.imported} of ${calls.length} transcripts, duplicates ${firstRun.duplicates}, failed ${firstRun.failed}`,
    );

    const again = calls.slice(0, REIMPORTED);
    for (const call of again) await attempt(ingestInput(call), null);
    lines.push(
      `  imported ${again.map((call) => call.externalId).join(', ')} a second time: ${duplicates - firstRun.duplicates} duplicates, nothing stored twice`,
    );

    await attempt(
      {
        content: DEMO_MALFORMED_FILE.content,
        fileName: DEMO_MALFORMED_FILE.fileName,
        agent: 'AG-101',
        callType: 'basic_inbound',
        externalId: 'NS-BROKEN',
        source: 'demo',
      },
      null,
    );
  } finally {
    bar.stop();
  }
  for (const failure of failed) lines.push(`  failed ${failure.file}: ${failure.reason}`);
  return {
    imported,
    redactions,
    lines,
    refused: failed.length,
    unexpectedFailures: failed.filter((failure) => failure.file !== DEMO_MALFORMED_FILE.fileName).length,
  };
};

/** The agent the default demo shows in depth (and whose Slack messages it shows). */
const IN_DEPTH = { key: 'AG-103', name: 'Chloe Martin' };

/**
 * `floorready demo`: the whole loop on made-up data, offline. A fresh SQLite database, the example
 * config, a fixed clock; the demo team's transcripts are imported, scored by the embedded scorer,
 * re-scored in part by a human reviewer. By default it then shows what a manager reads first: the team's
 * status on one screen, one agent in depth, and what Slack would receive (a dry run: nothing sent, no
 * outbox row claimed), all within 80 columns. `--verbose` shows the whole walkthrough: import, scoring,
 * scorecards, every agent, the team, the AI-versus-human calibration and the Slack messages.
 */
export const runDemo = async (io: CliIo, options: DemoOptions): Promise<number> => {
  const started = performance.now();
  const path = demoDatabasePath(io, options.database);
  if (!options.keep) removeDatabase(path);
  const config = await loadConfig(EXAMPLE_CONFIG);
  const program = config.programs[0];
  const shownPath = relative(io.cwd, path) || path;
  const out = (lines: readonly string[]) => {
    for (const line of options.verbose ? lines : fitLines(lines, 80, 2)) io.out(line);
  };

  out([
    'floorready demo: a made-up contact-centre team, with no Slack and no LLM',
    `  database  ${shownPath} (${options.keep ? 'kept from the last run' : 'fresh'}; DATABASE_URL is not touched)`,
    `  clock     fixed at ${DEMO_NOW.toISOString()}: every run, same figures`,
  ]);
  if (options.verbose) {
    out([
      `  config    ${relative(io.cwd, EXAMPLE_CONFIG)}: team ${DEMO_TEAM}, program ${program?.key ?? '—'} ${program ? `(${program.startsAt} → ${program.completesAt})` : ''}`,
    ]);
  }

  const db = await openDatabase(`file:${path}`, { createFolder: true });
  try {
    const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => DEMO_NOW });
    const applied = await applyConfig(services, config);
    const rubric = applied.rubric;
    const thresholds = thresholdsFromConfig(config);

    const calls = buildDemoCalls(DEMO_SEED);
    const stored = await importTranscripts(io, services, config.ingest.maxBytes, calls);
    const queued = (await services.calls.countByState()).queued;
    const bar = startProgress(io, 'scoring', queued);
    const summary = await scoreQueuedCalls(
      {
        calls: services.calls,
        scores: services.scores,
        directory: services.directory,
        scorer: services.scorer,
        now: services.now,
        sleep: services.sleep,
        settings: scoringSettings(config, { concurrency: 4 }),
      },
      (event) => {
        if (event.type === 'scored' || event.type === 'failed') bar.tick();
      },
    ).finally(() => bar.stop());
    const csv = buildHumanReviewCsv(calls, {
      agents: ['AG-101', 'AG-104'],
      perAgent: 12,
      seed: DEMO_SEED,
      criteria: rubric.criteria.map((c) => c.key),
    });
    const human = await importScores(services, csv, { timeZoneOf: (agent) => teamTimeZone(config, agent) });
    const team = await buildTeamReport(services, { team: DEMO_TEAM, thresholds });
    const slack = await planDemoSlackMessages(services, { config, team: DEMO_TEAM, now: DEMO_NOW });
    const scorerLine = `scored by the embedded offline scorer (${summary.model ?? 'rules'}: rules, no LLM, nothing sent anywhere)`;
    const digestCommand = `DATABASE_URL=file:./${shownPath} npx floorready digest --dry-run --at ${DEMO_NOW.toISOString()}`;

    if (options.verbose) {
      section(io, '1. Import: the demo team’s transcripts, through the same ingest as `floorready import`');
      out(stored.lines);
      out(renderStoredSummary(stored));
      const sample = await services.calls.findByExternalId(calls.find((call) => call.plan.scenario === 'double-charge')?.externalId ?? '');
      const verification = sample?.turns?.find((turn) => turn.role === 'customer' && turn.text.includes('['));
      if (verification) out([`  as stored: “${verification.text}”`]);

      section(io, '2. Score: the embedded offline scorer (rules, no LLM: the demo never calls one)');
      out([`  ${formatCount(summary.scored, 'call')} of ${queued} queued ${scorerLine}; failed ${summary.failed.length}`]);
      out([
        `  human review: the "${DEMO_REVIEWER}" re-scored ${formatCount(human.callsMatched, 'call')} (${formatCount(human.scoresStored, 'criterion score')}) through \`import-scores\`; ` +
          'a human score sits beside the AI score and counts in its place',
        `  (${DEMO_REVIEWS_NOTE})`,
      ]);

      section(io, '3. Scorecards: live calls, now versus each agent’s pre-training baseline');
      out(renderScorecards(team.agents, rubric.criteria));

      section(io, '4. Readiness and what to do, per agent (as `floorready readiness <agent>` prints it)');
      for (const agent of team.agents) {
        const { report } = await buildReadinessReport(services, { agent: agent.agent.key, thresholds });
        out(renderAgentReadiness(report, rubric.criteria));
      }

      section(io, `5. Team (as \`floorready team ${DEMO_TEAM}\` prints it)`);
      out(renderTeamLines(team, rubric.criteria));

      section(io, '6. Calibration: AI versus the made-up reviews on the same calls (a demonstration, not a measure of the scorer)');
      out([`  ${DEMO_REVIEWS_NOTE}`]);
      out(renderCalibration(buildCalibrationReport(await services.scores.calibrationPairs(), thresholds.agreement), rubric.criteria));

      section(io, '7. Slack: the messages it would send (dry run: nothing is sent)');
      out(renderSlackSection(slack, { coachingAbout: IN_DEPTH.name, fullDigestCommand: digestCommand }));
    } else {
      out([
        `  ${formatCount(stored.imported.length, 'transcript')} imported, personal data redacted before storing` +
          (stored.refused > 0 ? ` (${formatCount(stored.refused, 'broken file')} refused with the reason: see --verbose)` : ''),
        `  ${formatCount(summary.scored, 'call')} ${scorerLine}; ${formatCount(human.callsMatched, 'call')} re-scored by a made-up reviewer`,
      ]);
      section(io, `1. The team at a glance (as \`floorready team ${DEMO_TEAM}\` prints it)`);
      out(renderTeamLines(team, rubric.criteria));

      section(io, `2. One agent in depth: ${IN_DEPTH.name} (as \`floorready readiness ${IN_DEPTH.key}\` prints it)`);
      const { report } = await buildReadinessReport(services, { agent: IN_DEPTH.key, thresholds });
      out(renderAgentReadiness(report, rubric.criteria));

      section(io, '3. What Slack would receive (dry run: nothing is sent)');
      out(renderSlackSection(slack, { coachingAbout: IN_DEPTH.name, fullDigestCommand: digestCommand, digestLines: 16 }));
    }

    // The pictures Slack shows (the digest's and a manager's Home chart, an agent's own Home chart), beside the database.
    const charts = await Promise.all(
      [DEMO_TEAM, IN_DEPTH.key].map(async (subject) => {
        const chart = await loadTrendChart(services, { subject, thresholds });
        return writeChartPng(chart, join(dirname(path), trendChartFileName(chart)), io.cwd);
      }),
    );

    io.out('');
    out([
      `Done in ${((performance.now() - started) / 1000).toFixed(1)} s. The demo database stays at ${shownPath}; look around with`,
      `  DATABASE_URL=file:./${shownPath} npx floorready readiness ${IN_DEPTH.key}   (or team ${DEMO_TEAM}, calls, show <call>, calibration)`,
      `The trend charts Slack shows (digest, Home): ${charts.map((chart) => relative(io.cwd, chart.path) || chart.path).join(', ')}`,
      ...(options.verbose ? [] : ['Every step (import, scoring, each agent, calibration): npm run demo -- --verbose']),
    ]);
    return stored.unexpectedFailures > 0 || summary.failed.length > 0 || slack.run.errors.length > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
};
