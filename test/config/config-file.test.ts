import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { AppError } from '../../src/domain/app-error.ts';
import {
  ConfigError,
  findAgentByRef,
  loadConfig,
  parseConfig,
  programAgents,
  readinessThreshold,
  toRubricCriteria,
  type Config,
} from '../../src/config/config-file.ts';
import { DEFAULT_CALL_TYPES, DEFAULT_CRITERIA } from '../../src/config/default-rubric.ts';
import { tempDir } from '../support/temp-dir.ts';

const EXAMPLE = 'floorready.config.example.yml';

/** The issues a config text produces; fails the test if it parses. */
const issuesOf = (input: unknown): readonly string[] => {
  const text = typeof input === 'string' ? input : stringify(input);
  try {
    parseConfig(text, 'test.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.code).toBe('config_invalid');
    return configError.issues;
  }
  throw new Error('expected the config to be rejected');
};

const criterion = (key: string, weight: number, extra: Record<string, unknown> = {}) => ({
  key,
  name: key,
  weight,
  description: `does ${key}`,
  exemplary: `great ${key}`,
  deficient: `poor ${key}`,
  ...extra,
});

const team = (extra: Record<string, unknown> = {}) => ({
  key: 'north',
  name: 'North',
  agents: [
    { name: 'Ana', slack: 'U0ANA00001', email: 'ana@example.com', externalIds: ['AG-1'] },
    { name: 'Ben', email: 'ben@example.com' },
  ],
  ...extra,
});

const program = (extra: Record<string, unknown> = {}) => ({
  key: 'p1',
  name: 'Program',
  teams: ['north'],
  targetedCriteria: ['empathy'],
  startsAt: '2026-08-03',
  completesAt: '2026-08-14',
  ...extra,
});

describe('the example config file', () => {
  it('when the example file is loaded, then it parses with the demo team and program', async () => {
    const config = await loadConfig(EXAMPLE);
    expect(config.teams.map((t) => t.key)).toEqual(['northside']);
    const northside = config.teams[0]!;
    expect(northside).toMatchObject({
      name: 'Northside Support',
      timeZone: 'America/Chicago',
      digestChannel: 'C0NORTHSIDE',
      digest: { cron: '0 9 * * MON' },
      managers: [{ name: 'Maya Chen', slack: 'U0MAYA0001', email: 'maya.chen@example.com' }],
    });
    expect(northside.agents.map((a) => [a.name, a.slack, a.email, a.externalIds])).toEqual([
      ['Ana Ruiz', 'U0ANA00001', 'ana.ruiz@example.com', ['AG-101']],
      ['Ben Okafor', 'U0BEN00001', 'ben.okafor@example.com', ['AG-102']],
      ['Chloe Martin', 'U0CHLOE001', 'chloe.martin@example.com', ['AG-103']],
      ['Dev Patel', 'U0DEV00001', 'dev.patel@example.com', ['AG-104']],
      ['Eli Brooks', 'U0ELI00001', 'eli.brooks@example.com', ['AG-105']],
    ]);
    expect(config.programs).toEqual([
      {
        key: 'empathy-2026',
        name: 'Empathy under pressure',
        agents: [],
        teams: ['northside'],
        targetedCriteria: ['empathy', 'active_listening'],
        startsAt: '2026-08-03',
        completesAt: '2026-08-14',
        baseline: 'pre_training',
      },
    ]);
    expect(config.callTypes.map((c) => [c.key, c.name])).toEqual([
      ['basic_inbound', 'Basic inbound'],
      ['escalation', 'Escalation'],
      ['billing_dispute', 'Billing dispute'],
    ]);
  });

  it('when the example file is loaded, then its rubric is the seed table with exemplary and deficient anchors', async () => {
    const config = await loadConfig(EXAMPLE);
    expect(config.rubric.criteria.map((c) => [c.key, c.name, c.weight])).toEqual([
      ['empathy', 'Empathy expression', 25],
      ['active_listening', 'Active listening', 20],
      ['tone_consistency', 'Tone consistency', 20],
      ['problem_resolution', 'Problem resolution', 20],
      ['close_follow_through', 'Close and follow-through', 15],
    ]);
    const empathy = config.rubric.criteria[0]!;
    expect(empathy.description).toBe("Does the agent acknowledge the customer's emotional state before problem-solving?");
    expect(empathy.exemplary).toBe(
      "Agent explicitly names or reflects the customer's emotional state before moving to resolution. Language examples: 'I understand this has been frustrating,' 'I can see why that would be concerning,' or equivalent statements that acknowledge the customer's experience.",
    );
    expect(empathy.deficient).toBe(
      "Agent moves directly to resolution without any acknowledgment of the customer's emotional state, even when frustration signals are present in the customer's language.",
    );
    // Like the seed, the default anchors the two ends of the scale only (they go into every request).
    for (const c of config.rubric.criteria) {
      expect(c.levels).toBeUndefined();
      expect(c.exemplary.length).toBeGreaterThan(40);
      expect(c.deficient.length).toBeGreaterThan(40);
    }
  });

  it('when the example file is loaded, then its rubric and call types equal the built-in defaults', async () => {
    const config = await loadConfig(EXAMPLE);
    expect(config.rubric.criteria).toEqual(DEFAULT_CRITERIA);
    expect(config.callTypes).toEqual(DEFAULT_CALL_TYPES);
  });

  it('when the example file is loaded, then every threshold is the default', async () => {
    const example = await loadConfig(EXAMPLE);
    const minimal = parseConfig('', 'empty.yml');
    expect(example.thresholds).toEqual(minimal.thresholds);
    expect(example.scoring).toEqual(minimal.scoring);
    expect(example.ingest).toEqual(minimal.ingest);
  });
});

describe('defaults', () => {
  it('when the file is empty, then the defaults make a complete config', () => {
    const config = parseConfig('', 'empty.yml');
    expect(config.rubric.criteria.map((c) => c.key)).toEqual([
      'empathy',
      'active_listening',
      'tone_consistency',
      'problem_resolution',
      'close_follow_through',
    ]);
    expect(config.callTypes.map((c) => c.key)).toEqual(['basic_inbound', 'escalation', 'billing_dispute']);
    expect(config.teams).toEqual([]);
    expect(config.programs).toEqual([]);
    expect(config.thresholds).toEqual({
      readiness: { overall: 75, criteria: {} },
      baseline: { minCalls: 20, maxCalls: 30 },
      batch: { periodDays: 14, minCalls: 15, required: 2 },
      rules: {
        unchangedBand: 5,
        improvedBy: 5,
        droppedBy: 5,
        dropAfterDays: 14,
        callTypeSpread: 15,
        minCallsPerGroup: 5,
        roleplayGap: 15,
        teamShareBelow: 0.5,
        teamMinAgents: 3,
      },
      calibration: {},
      agreement: { minPairs: 10, minPairsForBand: 20 },
      requireMargin: false,
      earlyWarning: { overall: 40, level: 1 },
    });
    expect(config.scoring).toEqual({
      concurrency: 4,
      maxAttempts: 5,
      leaseSeconds: 300,
      retryBackoffSeconds: 2,
      price: { promptPer1k: 0, completionPer1k: 0 },
      promptCaching: false,
      samples: 1,
    });
    expect(config.ingest).toEqual({ maxBytes: 2_097_152, channels: [] });
  });

  it('when a team gives only key, name and agents, then time zone and digest schedule default', () => {
    const config = parseConfig(stringify({ teams: [team()] }), 't.yml');
    expect(config.teams[0]).toMatchObject({ timeZone: 'UTC', digest: { cron: '0 9 * * MON' }, managers: [] });
    expect(config.teams[0]!.agents[1]).toEqual({ name: 'Ben', email: 'ben@example.com', externalIds: [], aliases: [] });
  });

  it('when one threshold is set, then its siblings keep their defaults', () => {
    const config = parseConfig(stringify({ thresholds: { rules: { roleplayGap: 20 } } }), 't.yml');
    expect(config.thresholds.rules.roleplayGap).toBe(20);
    expect(config.thresholds.rules.unchangedBand).toBe(5);
    expect(config.thresholds.readiness.overall).toBe(75);
  });
});

describe('rubric rules', () => {
  it('when the weights sum to 95, then the last weight is reported with the sum', () => {
    const issues = issuesOf({
      rubric: { criteria: [criterion('empathy', 40), criterion('active_listening', 30), criterion('close', 25)] },
    });
    expect(issues).toEqual(['rubric.criteria[2].weight: weights must sum to 100, got 95']);
  });

  it('when decimal weights sum to 100 up to float error, then the rubric is accepted', () => {
    const config = parseConfig(
      stringify({ rubric: { criteria: [criterion('a', 33.3), criterion('b', 33.3), criterion('c', 33.4)] } }),
      't.yml',
    );
    expect(config.rubric.criteria).toHaveLength(3);
  });

  it('when a weight is zero, then it is reported and the sum is not', () => {
    const issues = issuesOf({ rubric: { criteria: [criterion('a', 0), criterion('b', 100)] } });
    expect(issues).toEqual(['rubric.criteria[0].weight: must be greater than 0, got 0']);
  });

  it('when two criteria share a key, then the second is reported as a duplicate', () => {
    const issues = issuesOf({ rubric: { criteria: [criterion('empathy', 50), criterion('empathy', 50)] } });
    expect(issues).toEqual(['rubric.criteria[1].key: duplicate criterion key "empathy" (also at rubric.criteria[0].key)']);
  });

  it('when a criterion names an unknown call type, then the reference is reported with the known keys', () => {
    const issues = issuesOf({
      rubric: { criteria: [criterion('empathy', 100, { callTypes: ['escalation', 'outbound_sales'] })] },
    });
    expect(issues).toEqual([
      'rubric.criteria[0].callTypes[1]: unknown call type "outbound_sales" (known: basic_inbound, escalation, billing_dispute under callTypes[].key)',
    ]);
  });

  it('when a criterion key is not snake_case, then it is reported', () => {
    const issues = issuesOf({ rubric: { criteria: [criterion('Active-Listening', 100)] } });
    expect(issues).toEqual([
      'rubric.criteria[0].key: must be snake_case (lower-case letters, digits and _; e.g. "active_listening"), got "Active-Listening"',
    ]);
  });

  it('when a criterion has a level outside 1..5 or a misspelt key, then both are reported', () => {
    const issues = issuesOf({ rubric: { criteria: [criterion('a', 100, { levels: { 6: 'x' }, weigth: 1 })] } });
    expect(issues).toEqual([
      'rubric.criteria[0].levels: unknown key "6" (check the spelling; keys are camelCase)',
      'rubric.criteria[0]: unknown key "weigth" (check the spelling; keys are camelCase)',
    ]);
  });

  it('when two call types share a key, then the duplicate is reported', () => {
    const issues = issuesOf({
      callTypes: [
        { key: 'escalation', name: 'Escalation' },
        { key: 'escalation', name: 'Again' },
      ],
    });
    expect(issues).toEqual(['callTypes[1].key: duplicate call type key "escalation" (also at callTypes[0].key)']);
  });
});

describe('team rules', () => {
  it('when an agent email is malformed, then the email is quoted', () => {
    const issues = issuesOf({
      teams: [
        team({
          agents: [
            { name: 'Ana', slack: 'U0ANA00001' },
            { name: 'Bob', email: 'bob@' },
          ],
        }),
      ],
    });
    expect(issues).toEqual(['teams[0].agents[1].email: invalid email "bob@"']);
  });

  it('when a time zone is not an IANA name, then it is reported with examples', () => {
    const issues = issuesOf({ teams: [team({ timeZone: 'Mars/Olympus' })] });
    expect(issues).toEqual([
      'teams[0].timeZone: unknown time zone "Mars/Olympus" (use an IANA name, e.g. "America/Chicago", "Europe/London" or "UTC")',
    ]);
  });

  it('when a digest cron is malformed, then it is reported', () => {
    const issues = issuesOf({ teams: [team({ digest: { cron: '0 25 * * MON' } })] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^teams\[0\]\.digest\.cron: invalid cron expression "0 25 \* \* MON"/);
  });

  it('when retention keeps calls for 0 days or runs at an impossible time, then both are reported; left out, retention is off', () => {
    expect(issuesOf({ retention: { callDays: 0, cron: '99 * * * *' } })).toEqual([
      'retention.callDays: must be at least 1, got 0',
      'retention.cron: invalid cron expression "99 * * * *" (99 is a invalid expression for minute); e.g. "30 2 * * *" is every day at 02:30 UTC',
    ]);
    expect(parseConfig(stringify({ retention: { callDays: 365 } }), 'test.yml').retention).toEqual({ callDays: 365, cron: '30 2 * * *' });
    expect(parseConfig(stringify({}), 'test.yml').retention).toEqual({ cron: '30 2 * * *' });
  });

  it('when notifications would run more than once a second or less than once an hour after scored calls, then it is reported; left out, it is 30 s', () => {
    expect(issuesOf({ notifications: { minIntervalSeconds: 0 } })).toEqual(['notifications.minIntervalSeconds: must be at least 1, got 0']);
    expect(issuesOf({ notifications: { minIntervalSeconds: 3601 } })).toEqual([
      'notifications.minIntervalSeconds: must be at most 3600, got 3601',
    ]);
    expect(parseConfig(stringify({ notifications: { minIntervalSeconds: 5 } }), 'test.yml').notifications).toEqual({
      leaseMinutes: 10,
      minIntervalSeconds: 5,
    });
    expect(parseConfig(stringify({}), 'test.yml').notifications).toEqual({ leaseMinutes: 10, minIntervalSeconds: 30 });
  });

  it('when an agent has neither slack id nor email, then it is reported', () => {
    const issues = issuesOf({ teams: [team({ agents: [{ name: 'Ghost', externalIds: ['X'] }] })] });
    expect(issues).toEqual(['teams[0].agents[0]: an agent needs a slack user id or an email (or both)']);
  });

  it('when the same agent is in two teams, then the second listing is reported', () => {
    const issues = issuesOf({
      teams: [team(), { key: 'south', name: 'South', agents: [{ name: 'Ana again', slack: 'U0ANA00001', email: 'ANA@example.com' }] }],
    });
    expect(issues).toEqual([
      'teams[1].agents[0].slack: slack id "U0ANA00001" is already used by teams[0].agents[0] (Ana); an agent is listed once, in one team only',
      'teams[1].agents[0].email: email "ANA@example.com" is already used by teams[0].agents[0] (Ana); an agent is listed once, in one team only',
    ]);
  });

  it('when two agents share an external id, then it is reported', () => {
    const issues = issuesOf({
      teams: [
        team({
          agents: [
            { name: 'A', email: 'a@example.com', externalIds: ['X1'] },
            { name: 'B', email: 'b@example.com', externalIds: ['X1'] },
          ],
        }),
      ],
    });
    expect(issues).toEqual([
      'teams[0].agents[1].externalIds[0]: external id "X1" is already used by teams[0].agents[0] (A); an agent is listed once, in one team only',
    ]);
  });
});

describe('one id, one person (issue 17, item 8)', () => {
  const south = (extra: Record<string, unknown>) => ({
    key: 'south',
    name: 'South',
    agents: [{ name: 'Cy', email: 'cy@example.com' }],
    ...extra,
  });

  it("when an agent's Slack id is another team's manager's, then config check refuses it and says how to declare one person in both roles", () => {
    const issues = issuesOf({ teams: [team(), south({ managers: [{ name: 'Sam', slack: 'U0ANA00001', email: 'sam@example.com' }] })] });
    expect(issues).toEqual([
      'teams[1].managers[0].slack: slack id "U0ANA00001" is also teams[0].agents[0] (Ana)\'s: one Slack id, email or external id names one person. ' +
        'If this manager is also that agent, add `alsoAgent: true` to the manager entry',
    ]);
  });

  it('when two different managers share a Slack id or an email, then it is refused; one manager listed in two teams is not', () => {
    const maya = { name: 'Maya', slack: 'U0MAYA0001', email: 'maya@example.com' };
    const shared = issuesOf({
      teams: [team({ managers: [maya] }), south({ managers: [{ name: 'Someone else', slack: 'U0MAYA0001', email: 'else@example.com' }] })],
    });
    expect(shared).toEqual([
      'teams[1].managers[0].slack: slack id "U0MAYA0001" is also teams[0].managers[0] (Maya)\'s: one Slack id, email or external id names one person. ' +
        'If this manager is also that agent, add `alsoAgent: true` to the manager entry',
    ]);
    expect(() =>
      parseConfig(
        stringify({ teams: [team({ managers: [maya] }), south({ managers: [{ ...maya, email: 'MAYA@example.com' }] })] }),
        'test.yml',
      ),
    ).not.toThrow();
  });

  it("when an external id is another agent's email, then it is refused", () => {
    const issues = issuesOf({
      teams: [
        team({
          agents: [
            { name: 'Ana', email: 'ana@example.com' },
            { name: 'Ben', email: 'ben@example.com', externalIds: ['ANA@example.com'] },
          ],
        }),
      ],
    });
    expect(issues).toEqual([
      'teams[0].agents[1].externalIds[0]: external id "ANA@example.com" is also teams[0].agents[0] (Ana)\'s: one Slack id, email or external id names one person',
    ]);
  });

  it("when a manager is declared alsoAgent with the agent's own Slack id and email, then it is accepted; with another id it is refused", () => {
    const lead = { name: 'Ana', slack: 'U0ANA00001', email: 'ana@example.com', alsoAgent: true };
    expect(() => parseConfig(stringify({ teams: [team({ managers: [lead] })] }), 'test.yml')).not.toThrow();
    expect(() => parseConfig(stringify({ teams: [team(), south({ managers: [lead] })] }), 'test.yml')).not.toThrow();
    const wrong = issuesOf({ teams: [team({ managers: [{ ...lead, email: 'other@example.com' }] })] });
    expect(wrong).toEqual([
      "teams[0].managers[0].alsoAgent: alsoAgent: true needs an agent entry with exactly this manager's slack id and email (the same person, listed once as an agent)",
    ]);
  });
});

describe('program rules', () => {
  it('when a program enrols an unknown agent, then the reference is named', () => {
    const issues = issuesOf({ teams: [team()], programs: [program({ agents: ['ana@example.com', 'nobody@example.com'] })] });
    expect(issues).toEqual([
      'programs[0].agents[1]: "nobody@example.com" is not a configured agent (use the slack id, email or external id of an agent listed under teams[].agents)',
    ]);
  });

  it('when a program completes before it starts, then the completion date is reported', () => {
    const issues = issuesOf({ teams: [team()], programs: [program({ startsAt: '2026-08-14', completesAt: '2026-08-03' })] });
    expect(issues).toEqual(['programs[0].completesAt: completion date 2026-08-03 is before the start date 2026-08-14']);
  });

  it('when a program names an unknown team and criterion and enrols no one else, then each is reported', () => {
    const issues = issuesOf({ teams: [team()], programs: [program({ teams: ['south'], targetedCriteria: ['empathy', 'charm'] })] });
    expect(issues).toEqual([
      'programs[0].teams[0]: unknown team "south" (known: north)',
      'programs[0].targetedCriteria[1]: unknown criterion "charm" (known: empathy, active_listening, tone_consistency, problem_resolution, close_follow_through under rubric.criteria[].key)',
    ]);
  });

  it('when a program enrols no one, then it is reported', () => {
    const issues = issuesOf({ teams: [team()], programs: [program({ teams: [] })] });
    expect(issues).toEqual([
      'programs[0]: enrols no one: list agents (slack id, email or external id) under agents, or team keys under teams',
    ]);
  });

  it('when a date is not YYYY-MM-DD, then it is reported', () => {
    const issues = issuesOf({ teams: [team()], programs: [program({ startsAt: '03/08/2026' })] });
    expect(issues).toEqual(['programs[0].startsAt: must be a date as YYYY-MM-DD (e.g. "2026-08-03"), got "03/08/2026"']);
  });
});

describe('threshold rules', () => {
  it('when numbers are out of range, then each is reported with its bound', () => {
    const issues = issuesOf({
      thresholds: { readiness: { overall: 120 }, batch: { minCalls: 2.5 }, rules: { teamShareBelow: 1.5 } },
    });
    expect(issues).toEqual([
      'thresholds.readiness.overall: must be at most 100, got 120',
      'thresholds.batch.minCalls: must be a whole number, got 2.5',
      'thresholds.rules.teamShareBelow: must be at most 1, got 1.5',
    ]);
  });

  it('when a per-criterion threshold names an unknown criterion, then it is reported', () => {
    const issues = issuesOf({ thresholds: { readiness: { criteria: { empathy: 80, empathyy: 80 } } } });
    expect(issues).toEqual([
      'thresholds.readiness.criteria.empathyy: unknown criterion "empathyy" (known: empathy, active_listening, tone_consistency, problem_resolution, close_follow_through under rubric.criteria[].key)',
    ]);
  });

  it('when the baseline maximum is below the minimum, then it is reported', () => {
    expect(issuesOf({ thresholds: { baseline: { minCalls: 20, maxCalls: 10 } } })).toEqual([
      'thresholds.baseline.maxCalls: must be at least baseline.minCalls (20), got 10',
    ]);
  });
});

describe('reporting', () => {
  it('when the file has several problems in different parts, then all are reported at once', () => {
    const issues = issuesOf({
      rubric: { criteria: [criterion('empathy', 40), criterion('active_listening', 30), criterion('close', 25)] },
      teams: [team({ timeZone: 'Nowhere/Special', agents: [{ name: 'Bob', email: 'bob@' }] })],
      programs: [program({ agents: ['ghost'], completesAt: '2026-01-01', targetedCriteria: ['tone'] })],
      scoring: { concurrency: 'four' },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        'rubric.criteria[2].weight: weights must sum to 100, got 95',
        'teams[0].timeZone: unknown time zone "Nowhere/Special" (use an IANA name, e.g. "America/Chicago", "Europe/London" or "UTC")',
        'teams[0].agents[0].email: invalid email "bob@"',
        'scoring.concurrency: expected a number, got text "four"',
        'programs[0].agents[0]: "ghost" is not a configured agent (use the slack id, email or external id of an agent listed under teams[].agents)',
        'programs[0].completesAt: completion date 2026-01-01 is before the start date 2026-08-03',
        'programs[0].targetedCriteria[0]: unknown criterion "tone" (known: empathy, active_listening, close under rubric.criteria[].key)',
      ]),
    );
    expect(issues).toHaveLength(7);
  });

  it('when the error is thrown, then its user message has a heading and one line per issue', () => {
    try {
      parseConfig(stringify({ thresholds: { readiness: { overall: -1 } } }), 'mine.yml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).userMessage).toBe('mine.yml has 1 problem:\n  - thresholds.readiness.overall: must be at least 0, got -1');
    }
  });

  it('when a required field is missing, then it is reported as required', () => {
    expect(issuesOf({ callTypes: [{ key: 'escalation' }] })).toEqual(['callTypes[0].name: required']);
  });

  it('when the YAML has a syntax error, then its line and column are reported', () => {
    const text = ['rubric:', '  criteria:', '    - key: empathy', '      name: [unclosed', 'callTypes: []', ''].join('\n');
    try {
      parseConfig(text, 'broken.yml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const configError = error as ConfigError;
      expect(configError.code).toBe('config_invalid');
      expect(configError.userMessage).toMatch(/^broken\.yml is not valid YAML/);
      expect(configError.issues.length).toBeGreaterThan(0);
      expect(configError.issues[0]).toMatch(/^line \d+, column \d+: /);
    }
  });

  it('when a YAML mapping repeats a key, then the line of the repeat is reported', () => {
    const issues = issuesOf(['scoring:', '  concurrency: 2', '  concurrency: 3', ''].join('\n'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^line 3, column 3: Map keys must be unique/);
  });

  it('when the file is a list rather than a mapping, then the top level is reported', () => {
    expect(issuesOf('- a\n- b\n')).toEqual(['(top level): expected a mapping (key: value lines), got a list']);
  });
});

describe('loadConfig', () => {
  it('when the file does not exist, then the error says where it looked and to copy the example', async () => {
    const dir = await tempDir('floorready-config-');
    const path = join(dir, 'floorready.config.yml');
    await expect(loadConfig(path)).rejects.toMatchObject({
      code: 'config_not_found',
      userMessage: expect.stringContaining(path),
    });
    await expect(loadConfig(path)).rejects.toMatchObject({
      userMessage: expect.stringContaining('floorready.config.example.yml'),
    });
  });

  it('when the file is invalid, then the issues name the file', async () => {
    const dir = await tempDir('floorready-config-');
    const path = join(dir, 'bad.yml');
    await writeFile(path, 'scoring:\n  concurrency: 0\n');
    await expect(loadConfig(path)).rejects.toMatchObject({
      code: 'config_invalid',
      issues: ['scoring.concurrency: must be at least 1, got 0'],
      userMessage: expect.stringContaining(`${path} has 1 problem:`),
    });
  });
});

describe('lookups', () => {
  const config: Config = parseConfig(
    stringify({ teams: [team(), { key: 'south', name: 'South', agents: [{ name: 'Cy', slack: 'W0CY000001' }] }] }),
    't.yml',
  );

  it('when an agent is looked up by slack id, mention, email in any case or external id, then it is found with its team', () => {
    for (const ref of [
      'U0ANA00001',
      '<@U0ANA00001>',
      '<@U0ANA00001|ana>',
      'ANA@Example.com',
      '<mailto:ana@example.com|ana@example.com>',
      'AG-1',
      ' AG-1 ',
    ]) {
      const match = findAgentByRef(config, ref);
      expect(match?.agent.name, ref).toBe('Ana');
      expect(match?.team.key, ref).toBe('north');
    }
    expect(findAgentByRef(config, 'W0CY000001')?.team.key).toBe('south');
  });

  it('when no agent matches, then the lookup is null', () => {
    expect(findAgentByRef(config, 'nobody@example.com')).toBeNull();
    expect(findAgentByRef(config, '')).toBeNull();
  });

  it('when a program enrols a team and an agent of another team, then each agent is listed once', () => {
    const enrolled = programAgents(config, { ...program(), agents: ['W0CY000001', 'ana@example.com'] });
    expect(enrolled.map((m) => m.agent.name)).toEqual(['Ana', 'Ben', 'Cy']);
  });

  it('when the rubric is converted, then the domain criteria carry levels and null call types', () => {
    const criteria = toRubricCriteria(config);
    expect(criteria.map((c) => c.weight).reduce((a, b) => a + b, 0)).toBe(100);
    expect(criteria[0]).toMatchObject({ key: 'empathy', callTypes: null, levels: null });
    const withLevels = parseConfig(
      stringify({ rubric: { criteria: [{ ...config.rubric.criteria[0], weight: 100, levels: { 3: 'Acknowledges late.' } }] } }),
      'l.yml',
    );
    expect(toRubricCriteria(withLevels)[0]).toMatchObject({ levels: { '3': 'Acknowledges late.' } });
  });

  it('when a criterion has an override, then its readiness threshold is the override, else the overall', () => {
    const withOverride = parseConfig(stringify({ thresholds: { readiness: { overall: 70, criteria: { empathy: 80 } } } }), 't.yml');
    expect(readinessThreshold(withOverride, 'empathy')).toBe(80);
    expect(readinessThreshold(withOverride, 'active_listening')).toBe(70);
  });
});
