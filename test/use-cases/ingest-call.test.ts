import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, expect, it } from 'vitest';

import { loadConfig } from '../../src/config/config-file.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import type { Turn } from '../../src/domain/types.ts';
import { hashTurns } from '../../src/ingest/hash-turns.ts';
import { ingestCall, type IngestCallInput, type IngestCallResult } from '../../src/use-cases/ingest-call.ts';
import { EXAMPLE_CONFIG, TRANSCRIPT_FIXTURES } from '../support/cli.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';

describeEachDatabase('ingestCall', (database) => {
  let db: TestDatabase;
  let services: Services;
  const extra: Database[] = [];

  beforeEach(async () => {
    db = await database.open();
    services = createServices(db, { scorer: createEmbeddedScorer() });
    await applyConfig(services, await loadConfig(EXAMPLE_CONFIG));
  });
  afterEach(async () => {
    while (extra.length > 0) await extra.pop()?.close();
    await db.close();
  });

  const ingestWith = (target: Services, input: Partial<IngestCallInput>): Promise<IngestCallResult> =>
    ingestCall(
      { directory: target.directory, calls: target.calls, now: () => new Date('2026-09-30T12:00:00Z'), maxBytes: 2_097_152 },
      { content: '', agent: 'AG-101', source: 'cli', ...input },
    );

  /** Services on their own connection pool, like another process importing at the same time. */
  const otherProcess = async (): Promise<Services> => {
    const other = await openDatabase(db.url, { migrate: false });
    extra.push(other);
    return createServices(other, { scorer: createEmbeddedScorer() });
  };

  it('when two importers store the same transcript at the same moment, then one imports it and the other reports the duplicate', async () => {
    const content = await readFile(path.join(TRANSCRIPT_FIXTURES, 'call.txt'));
    const others = await Promise.all([otherProcess(), otherProcess(), otherProcess()]);
    const results = await Promise.all([services, ...others].map((target) => ingestWith(target, { content, fileName: 'call.txt' })));
    expect(results.map((result) => result.status).sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'imported']);
    expect(new Set(results.map((result) => result.callId)).size).toBe(1);
    expect(await db.prisma.call.count()).toBe(1);
  });

  it('when two importers store different files under one external id at the same moment, then one call is stored', async () => {
    const [a, b] = await Promise.all([
      ingestWith(services, { content: 'Agent: Hello there.\nCustomer: First export.\n', externalId: 'zoom-1' }),
      ingestWith(await otherProcess(), { content: 'Agent: Hello there.\nCustomer: Second export.\n', externalId: 'zoom-1' }),
    ]);
    expect([a.status, b.status].sort()).toEqual(['duplicate', 'imported']);
    expect(await db.prisma.call.count()).toBe(1);
  });

  it('when the same conversation comes for two different agents, then each agent gets it (content duplicates are per agent)', async () => {
    const content = 'Agent: Thanks for calling.\nCustomer: My order is late.\n';
    expect((await ingestWith(services, { content, agent: 'AG-101' })).status).toBe('imported');
    expect((await ingestWith(services, { content, agent: 'AG-102' })).status).toBe('imported');
    expect((await ingestWith(services, { content: `${content}\n\n`, agent: 'AG-102' })).status).toBe('duplicate');
  });

  it('when the input is stored, then the call is queued with the redacted turns, counts and the given metadata', async () => {
    const result = await ingestWith(services, {
      content: await readFile(path.join(TRANSCRIPT_FIXTURES, 'turns.json')),
      fileName: 'turns.json',
      agent: 'U0BEN00001',
      callType: 'escalation',
      kind: 'roleplay',
      occurredAt: new Date('2026-09-01T09:00:00Z'),
      externalId: 'ext-9',
    });
    expect(result).toMatchObject({ status: 'imported', format: 'json', agent: { displayName: 'Ben Okafor' } });
    const call = await db.prisma.call.findUniqueOrThrow({ where: { externalId: 'ext-9' } });
    expect(call).toMatchObject({
      kind: 'roleplay',
      callType: 'escalation',
      state: 'queued',
      attempts: 0,
      source: 'cli',
      sourceName: 'turns.json',
    });
    expect(call.occurredAt.toISOString()).toBe('2026-09-01T09:00:00.000Z');
    expect(call.redactions).toMatchObject({ card: 1, email: 1, phone: 1 });
    const text = JSON.stringify(call.turns);
    expect(text).not.toContain('4111');
    expect(text).not.toContain('mark.taylor@example.com');
  });

  it('when a call carrying customer data is stored, then its duplicate-check hash is the hash of the redacted turns, never of the turns as said', async () => {
    const said = [
      { role: 'agent', text: 'Thanks for calling, can I take the card number?' },
      {
        role: 'customer',
        text: 'Sure, four one one one, one one one one, one one one one, one one one one, and my email is jo.mills@example.org.',
      },
    ] as const;
    const content = said.map((turn) => `${turn.role === 'agent' ? 'Agent' : 'Customer'}: ${turn.text}`).join('\n');
    expect((await ingestWith(services, { content, externalId: 'hash-1' })).status).toBe('imported');
    const call = await db.prisma.call.findUniqueOrThrow({ where: { externalId: 'hash-1' } });
    const stored = call.turns as unknown as Turn[];
    expect(JSON.stringify(stored)).toContain('[CARD]');
    expect(call.contentHash).toBe(hashTurns(stored));
    expect(call.contentHash).not.toBe(hashTurns(said));
    // The same words with another customer's card and email are the same call once redacted, unless
    // the platform names it by an external id of its own: then it is another call, stored without the hash.
    const other = content
      .replace(
        'four one one one, one one one one, one one one one, one one one one',
        'five five five five, five five five five, five five five five, four four four four',
      )
      .replace('jo.mills', 'sam.poe');
    expect(await ingestWith(services, { content: other })).toMatchObject({ status: 'duplicate', matchedBy: 'content', callId: call.id });
    expect(await ingestWith(services, { content: other, externalId: 'hash-2' })).toMatchObject({ status: 'imported' });
    expect((await db.prisma.call.findUniqueOrThrow({ where: { externalId: 'hash-2' } })).contentHash).toBeNull();
    expect(await ingestWith(services, { content: other, externalId: 'hash-2' })).toMatchObject({
      status: 'duplicate',
      matchedBy: 'external_id',
    });
    expect(await db.prisma.call.count()).toBe(2);
  });

  it('when the call type is not configured, then nothing is stored and the error lists the configured types', async () => {
    const error = await ingestWith(services, { content: 'Agent: Hi.\nCustomer: Hello.\n', callType: 'walk_in' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'call_type_unknown' });
    for (const key of ['walk_in', 'basic_inbound', 'escalation', 'billing_dispute'])
      expect((error as { userMessage: string }).userMessage).toContain(key);
    expect(await db.prisma.call.count()).toBe(0);
  });
});
