import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config-file.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, scoringSettings, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { importScores } from '../../src/use-cases/import-scores.ts';
import { ingestCall, type IngestCallInput } from '../../src/use-cases/ingest-call.ts';
import { scoreQueuedCalls } from '../../src/use-cases/score-calls.ts';
import { EXAMPLE_CONFIG, runFloorready, tempDir } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';

const HEADER = 'external_id,agent,call_type,kind,occurred_at,criterion,score,source,reviewer';
const TRANSCRIPT =
  'Agent: Thanks for calling, how can I help?\nCustomer: I was charged twice and I am really annoyed.\nAgent: I am sorry, that is frustrating. Let me refund the second charge now.\n';

describeEachDatabase('a transcript for a call that so far only has imported scores', (database) => {
  let db: TestDatabase;
  let services: Services;
  beforeEach(async () => {
    db = await database.open();
    services = createServices(db, { scorer: createEmbeddedScorer() });
    await applyConfig(services, await loadConfig(EXAMPLE_CONFIG));
    await importScores(services, `${HEADER}\nQA-7,AG-101,billing_dispute,live,2026-09-02,empathy,50,human,Priya Nair\n`);
  });
  afterEach(async () => {
    await db.close();
  });

  const ingest = (input: Partial<IngestCallInput>) =>
    ingestCall(
      { directory: services.directory, calls: services.calls, now: () => new Date('2026-09-30T12:00:00Z'), maxBytes: 2_097_152 },
      { content: TRANSCRIPT, agent: 'AG-101', source: 'cli', externalId: 'QA-7', ...input },
    );

  it('when it arrives with the same external id, then it completes that call, is scored by the AI, and the human score stays beside it', async () => {
    const result = await ingest({});
    expect(result.status).toBe('imported');
    expect(await db.prisma.call.count()).toBe(1);
    const call = await services.calls.findByExternalId('QA-7');
    expect(call).toMatchObject({ state: 'queued', kind: 'live', callType: 'billing_dispute' });
    expect(call?.turns?.length).toBe(3);

    const summary = await scoreQueuedCalls({ ...services, settings: scoringSettings(await loadConfig(EXAMPLE_CONFIG)) });
    expect(summary.scored).toBe(1);
    const empathy = (await services.scores.currentScores([call!.id])).filter((score) => score.criterionKey === 'empathy');
    expect(empathy.map((score) => score.source).sort()).toEqual(['ai', 'human']);
    expect(empathy.find((score) => score.source === 'human')?.score).toBe(50);
  });

  it('when it arrives a second time, then it is a duplicate and nothing changes', async () => {
    await ingest({});
    const again = await ingest({ content: `${TRANSCRIPT}Customer: Thanks.\n` });
    expect(again).toMatchObject({ status: 'duplicate', matchedBy: 'external_id' });
    expect((await services.calls.findByExternalId('QA-7'))?.turns?.length).toBe(3);
  });

  it('when another agent claims the external id, then the import is refused with the reason and nothing is stored', async () => {
    await expect(ingest({ agent: 'AG-102' })).rejects.toMatchObject({ code: 'external_id_taken' });
    expect((await services.calls.findByExternalId('QA-7'))?.turns).toBeNull();
  });

  it('when it comes through the CLI with a sidecar, then the summary counts it as imported', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'qa-7.txt'), TRANSCRIPT);
    await writeFile(path.join(dir, 'qa-7.txt.meta.json'), JSON.stringify({ agent: 'AG-101', externalId: 'QA-7' }));
    const run = await runFloorready(['import', dir], { databaseUrl: db.url });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Imported 1, duplicates 0, failed 0.');
    expect((await services.calls.findByExternalId('QA-7'))?.state).toBe('queued');
  });
});
