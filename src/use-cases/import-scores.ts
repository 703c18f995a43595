import type { ScoreSource, StoredCriterionScore } from '../domain/stored-records.ts';
import type { CallRepository, DirectoryRepository, ScoreRepository } from './ports.ts';
import { appendTo } from '../domain/append-to.ts';
import { AppError, hasCode } from '../domain/app-error.ts';
import { weightedOverall } from '../domain/weighted-overall.ts';
import type { AgentRecord } from '../domain/records.ts';
import { formatScoreCsvError, groupScoreRowsByCall, parseScoreCsv, type ScoreScale } from '../ingest/score-csv/index.ts';
import type { Level } from '../domain/types.ts';
import { requireRubric } from './resolve-names.ts';
import { resolveAgent } from './resolve-access.ts';

export interface ImportScoresDeps {
  calls: CallRepository;
  scores: ScoreRepository;
  directory: DirectoryRepository;
}

export interface ImportScoresSummary {
  rows: number;
  callsCreated: number;
  callsMatched: number;
  scoresStored: number;
  scoresUnchanged: number;
}

const MAX_ERRORS_SHOWN = 50;

/**
 * Imports per-criterion QA scores from a CSV (another QA system, or human reviewers). The whole file
 * is checked first, agents and existing calls included; any problem rejects the file with every
 * problem listed, and nothing is stored. Re-importing the same file changes nothing.
 */
export interface ImportScoresOptions {
  scale?: ScoreScale;
  /** The zone a row's zone-less occurred_at is read in, by its agent (the CLI: the agent's team's); default UTC. */
  timeZoneOf?: (agent: string) => string | null;
  now?: () => Date;
}

export const importScores = async (
  deps: ImportScoresDeps,
  csvText: string,
  options: ImportScoresOptions = {},
): Promise<ImportScoresSummary> => {
  const rubric = await requireRubric(deps.directory);
  const callTypes = await deps.directory.callTypes();
  const { rows, errors } = parseScoreCsv(csvText, {
    criterionKeys: rubric.criteria.map((criterion) => criterion.key),
    callTypes,
    ...(options.scale ? { scale: options.scale } : {}),
    timeZoneOf: options.timeZoneOf ?? (() => 'UTC'),
    ...(options.now ? { now: options.now } : {}),
  });
  const problems = errors.map(formatScoreCsvError);

  const groups = groupScoreRowsByCall(rows);
  const agents = new Map<string, AgentRecord>();
  const existing = await deps.calls.findByExternalIds(groups.map((group) => group.externalId));
  for (const group of groups) {
    const agent =
      agents.get(group.agent) ??
      (await resolveAgent(deps.directory, group.agent).catch((error: unknown) =>
        hasCode(error, 'agent_unknown') ? null : Promise.reject(error),
      ));
    if (!agent) {
      problems.push(
        `call ${group.externalId}: no agent "${group.agent}" is configured (use a Slack id, email or external id from the config)`,
      );
      continue;
    }
    agents.set(group.agent, agent);
    const call = existing.get(group.externalId);
    if (call && call.agentId !== agent.id) {
      problems.push(`call ${group.externalId}: already stored for another agent; external ids identify one call of one agent`);
    }
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_ERRORS_SHOWN);
    const more = problems.length > shown.length ? `\n… and ${problems.length - shown.length} more` : '';
    throw new AppError('scores_csv_invalid', `Nothing was imported; fix these and import the file again:\n${shown.join('\n')}${more}`);
  }

  const summary: ImportScoresSummary = { rows: rows.length, callsCreated: 0, callsMatched: 0, scoresStored: 0, scoresUnchanged: 0 };
  const storedScores = new Map<string, StoredCriterionScore[]>();
  for (const score of await deps.scores.currentScores([...existing.values()].map((call) => call.id))) {
    appendTo(storedScores, score.callId, score);
  }
  for (const group of groups) {
    const agent = agents.get(group.agent) as AgentRecord;
    let call = existing.get(group.externalId) ?? null;
    if (call) {
      summary.callsMatched += 1;
    } else {
      const inserted = await deps.calls.insert({
        agentId: agent.id,
        kind: group.kind,
        callType: group.callType,
        occurredAt: group.occurredAt,
        turns: null,
        source: 'score-import',
        externalId: group.externalId,
        state: 'imported',
      });
      call = inserted.call;
      if (inserted.status === 'created') summary.callsCreated += 1;
      else summary.callsMatched += 1;
    }

    const current = storedScores.get(call.id) ?? [];
    for (const source of ['ai', 'human'] as const satisfies readonly ScoreSource[]) {
      const entries = Object.entries(group.scores[source]);
      if (entries.length === 0) continue;
      // One evaluation per reviewer; a score equal to the current one of the same source is left alone.
      const byReviewer = new Map<string, { criterionKey: string; score: number; level: Level | null }[]>();
      for (const [criterionKey, { score, level, reviewer }] of entries) {
        const same = current.find(
          (stored) =>
            stored.source === source &&
            stored.criterionKey === criterionKey &&
            stored.score === score &&
            (stored.reviewer ?? '') === (reviewer ?? ''),
        );
        if (same) {
          summary.scoresUnchanged += 1;
          continue;
        }
        const key = reviewer ?? '';
        appendTo(byReviewer, key, { criterionKey, score, level });
      }
      for (const [reviewer, scores] of byReviewer) {
        await deps.scores.saveImportedScores({
          callId: call.id,
          source,
          reviewer: reviewer || null,
          rubricVersionId: rubric.id,
          overall: weightedOverall(Object.fromEntries(scores.map((score) => [score.criterionKey, score.score])), rubric.criteria),
          scores: scores.map((score) => ({ criterionKey: score.criterionKey, score: score.score, level: score.level })),
        });
        summary.scoresStored += scores.length;
      }
    }
  }
  return summary;
};
