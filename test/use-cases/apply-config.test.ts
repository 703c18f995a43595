import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseConfig } from '../../src/config/config-file.ts';
import { createEmbeddedScorer } from '../../src/scoring/embedded-scorer.ts';
import { createServices, type Services } from '../../src/services.ts';
import { applyConfig } from '../../src/use-cases/apply-config.ts';
import { describeEachDatabase, type TestDatabase } from '../support/database.ts';
import { findAgent } from '../../src/use-cases/resolve-access.ts';

const exampleText = readFileSync(new URL('../../floorready.config.example.yml', import.meta.url), 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: the example YAML is edited freely in these tests
type Loose = any;
const example = () => parse(exampleText) as Record<string, Loose>;
const configOf = (data: unknown) => parseConfig(stringify(data), 'test.yml');

describeEachDatabase('applying the config', (database) => {
  let db: TestDatabase;
  let services: Services;
  beforeEach(async () => {
    db = await database.open();
    services = createServices(db, { scorer: createEmbeddedScorer() });
  });
  afterEach(async () => {
    await db.close();
  });

  it('when the example config is applied twice, then the second apply changes nothing and keeps rubric version 1', async () => {
    const first = await applyConfig(services, configOf(example()));
    const second = await applyConfig(services, configOf(example()));
    expect(first).toMatchObject({ rubricCreated: true, agents: 5, teams: 1, programs: 1, callTypes: 3 });
    expect(second.rubricCreated).toBe(false);
    expect(second.rubric.version).toBe(1);
    expect(await db.prisma.agent.count()).toBe(5);
    expect(await db.prisma.programEnrollment.count()).toBe(5);
    expect(await db.prisma.rubricVersion.count()).toBe(1);
  });

  it('when a weight or an anchor changes, then a new rubric version holds the new criteria and the old one stays', async () => {
    await applyConfig(services, configOf(example()));
    const changed = example();
    changed.rubric.criteria[0].weight = 30;
    changed.rubric.criteria[4].weight = 10;
    const result = await applyConfig(services, configOf(changed));
    expect(result.rubricCreated).toBe(true);
    expect(result.rubric.version).toBe(2);
    expect(result.rubric.criteria.find((c) => c.key === 'empathy')?.weight).toBe(30);
    const versions = await db.prisma.rubricVersion.findMany({ include: { criteria: true }, orderBy: { version: 'asc' } });
    expect(versions.map((v) => v.criteria.find((c) => c.key === 'empathy')?.weight)).toEqual([25, 30]);
    expect((await services.directory.currentRubric())?.version).toBe(2);

    const anchor = configOf({
      ...changed,
      rubric: {
        criteria: changed.rubric.criteria.map((c: Loose, i: number) =>
          i === 1 ? { ...c, exemplary: `${c.exemplary} Also names the detail.` } : c,
        ),
      },
    });
    expect((await applyConfig(services, anchor)).rubric.version).toBe(3);
  });

  it("when a criterion says whose behaviour it judges (about), then a new rubric version keeps it; 'agent' is the default and changes no hash", async () => {
    const first = await applyConfig(services, configOf(example()));
    const explicitAgent = example();
    explicitAgent.rubric.criteria[0].about = 'agent';
    expect((await applyConfig(services, configOf(explicitAgent))).rubricCreated).toBe(false);
    const customer = example();
    customer.rubric.criteria[3].about = 'call';
    const result = await applyConfig(services, configOf(customer));
    expect(result).toMatchObject({ rubricCreated: true, rubric: { version: first.rubric.version + 1 } });
    const current = await services.directory.currentRubric();
    expect(current?.criteria.map((c) => c.about ?? 'agent')).toEqual(['agent', 'agent', 'agent', 'call', 'agent']);
    expect(() =>
      configOf({
        ...customer,
        rubric: { criteria: customer.rubric.criteria.map((c: Loose, i: number) => (i === 0 ? { ...c, about: 'manager' } : c)) },
      }),
    ).toThrow(/about.*must be one of agent, customer or call/);
  });

  it('when an agent leaves the config, then it is deactivated but its identity and calls stay', async () => {
    await applyConfig(services, configOf(example()));
    const ana = await findAgent(services.directory, 'AG-101');
    await services.calls.insert({
      agentId: ana!.id,
      kind: 'live',
      callType: 'basic_inbound',
      occurredAt: new Date('2026-09-01T10:00:00Z'),
      turns: [
        { role: 'agent', text: 'Hello' },
        { role: 'customer', text: 'Hi' },
      ],
      source: 'cli',
      externalId: 'c-1',
      state: 'queued',
    });
    const without = example();
    without.teams[0].agents = without.teams[0].agents.filter((a: Loose) => a.email !== 'ana.ruiz@example.com');
    await applyConfig(services, configOf(without));
    const active = await services.directory.listAgents();
    expect(active.map((a) => a.displayName)).not.toContain('Ana Ruiz');
    expect((await findAgent(services.directory, 'ana.ruiz@example.com'))?.active).toBe(false);
    expect(await db.prisma.call.count({ where: { agentId: ana!.id } })).toBe(1);
  });

  it('when agents are looked up by Slack id, mention, email in any case, external id or key, then the same agent is found', async () => {
    await applyConfig(services, configOf(example()));
    const ids = await Promise.all(
      ['U0BEN00001', '<@U0BEN00001>', 'Ben.Okafor@Example.com', 'AG-102', 'ben.okafor@example.com'].map(
        async (ref) => (await findAgent(services.directory, ref))?.displayName,
      ),
    );
    expect(ids).toEqual(['Ben Okafor', 'Ben Okafor', 'Ben Okafor', 'Ben Okafor', 'Ben Okafor']);
    expect(await findAgent(services.directory, 'nobody@example.com')).toBeNull();
  });
});
