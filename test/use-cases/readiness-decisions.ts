/**
 * Shared set-up of the readiness-decision tests: the example config (team northside, manager Maya,
 * agents AG-101…AG-105, program empathy-2026) on a real database, a scenario imported as scores, and
 * the use cases called as the CLI and the app call them.
 */
import { loadConfig, type Config } from '../../src/config/config-file.ts';
import type { Database } from '../../src/db/client.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { EXAMPLE_CONFIG } from '../support/cli.ts';
import { scoresCsv, type ScenarioCall } from '../support/score-scenarios.ts';

/** Monday 14 Sep 2026, 09:00 in Chicago: after both batches; the digest of 2026-W37. */
export const DECISION_NOW = new Date('2026-09-14T14:00:00.000Z');

export const seedScenario = async (
  db: Database,
  scenario: readonly (ScenarioCall | readonly ScenarioCall[])[],
  options: { now?: Date; thresholds?: Partial<Config['thresholds']> } = {},
): Promise<{ services: Services; config: Config }> => {
  const now = options.now ?? DECISION_NOW;
  const services = createServices(db, { scorer: createEmbeddedScorer(), now: () => now });
  const loaded = await loadConfig(EXAMPLE_CONFIG);
  const config: Config = { ...loaded, thresholds: { ...loaded.thresholds, ...options.thresholds } };
  await applyConfig(services, config);
  await importScores(services, scoresCsv(scenario));
  return { services, config };
};

/** Sets the AI scores of these calls (by external id) on these criteria to low confidence, as the scorer does when evidence does not verify. */
export const markLowConfidence = async (db: Database, externalIds: readonly string[], criteria: readonly string[]): Promise<void> => {
  const calls = await db.prisma.call.findMany({ where: { externalId: { in: [...externalIds] } }, select: { id: true } });
  await db.prisma.criterionScore.updateMany({
    where: { callId: { in: calls.map((call) => call.id) }, criterionKey: { in: [...criteria] }, source: 'ai' },
    data: { confidence: 'low' },
  });
};
