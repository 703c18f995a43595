import { formatConfigPath, type ConfigPath } from './format-config-issues.ts';

// Rules that span several parts of the config file: unique keys, rubric weights summing to 100,
// and every reference (call types, agents, teams, criteria) resolving. The input is the config as
// far as it parsed, so it may be partly malformed: every read is defensive, and a part that did not
// parse is skipped here (its own field error is already reported).

interface ReferenceIssue {
  path: ConfigPath;
  message: string;
}

interface IssueSink {
  addIssue(issue: { code: 'custom'; path: ConfigPath; message: string }): void;
}

/** Tolerance when checking that weights sum to 100 (decimal weights such as 33.3 + 33.3 + 33.4). */
export const WEIGHT_SUM_TOLERANCE = 1e-9;

type Loose = Record<string, unknown>;

const record = (value: unknown): Loose => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const string = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

const quote = (value: string): string => JSON.stringify(value);
const known = (keys: Iterable<string>): string => {
  const all = [...keys];
  return all.length === 0 ? 'none are defined' : `known: ${all.join(', ')}`;
};
/** A sum without float noise: 95.00000000000001 → 95. */
const tidy = (value: number): number => Number(value.toFixed(9));

/** Reports the second and later occurrences of `item[field]`; returns the distinct keys seen. */
const checkUnique = (items: unknown[], basePath: ConfigPath, field: string, what: string, issues: ReferenceIssue[]): Set<string> => {
  const firstAt = new Map<string, number>();
  items.forEach((item, index) => {
    const key = string(record(item)[field]);
    if (key === undefined) return;
    const first = firstAt.get(key);
    if (first === undefined) {
      firstAt.set(key, index);
      return;
    }
    issues.push({
      path: [...basePath, index, field],
      message: `duplicate ${what} ${quote(key)} (also at ${formatConfigPath([...basePath, first, field])})`,
    });
  });
  return new Set(firstAt.keys());
};

interface AgentSeen {
  path: ConfigPath;
  name: string;
}

const describeAgent = (seen: AgentSeen): string => `${formatConfigPath(seen.path)} (${seen.name})`;

/** Who an id belongs to: an agent entry, or a manager (one person may manage several teams). */
interface IdOwner {
  person: string;
  path: ConfigPath;
  name: string;
  /** What kind of id it was claimed as (two agents sharing one kind are reported by the agents' own check). */
  what?: string;
}

/**
 * One Slack id, email or external id names one person, agent or manager, in any team (issue 17, item 8).
 * The same manager may be listed in several teams (same name, Slack id and email); a person who is both
 * an agent and a manager is declared once, with `alsoAgent: true` on the manager entry and the agent's
 * own Slack id and email. Ids are compared without case, so an external id cannot be another's email.
 */
const checkOnePersonPerId = (
  teams: unknown[],
  agents: readonly (AgentSeen & { slack: string | undefined; email: string | undefined })[],
  issues: ReferenceIssue[],
): void => {
  const owners = new Map<string, IdOwner>();
  const claim = (id: string | undefined, owner: IdOwner, idPath: ConfigPath, what: string, hint: string) => {
    if (id === undefined || id.trim() === '') return;
    const key = id.trim().toLowerCase();
    const other = owners.get(key);
    if (other === undefined) {
      owners.set(key, { ...owner, what });
      return;
    }
    if (other.person === owner.person) return;
    if (other.person.startsWith('agent:') && owner.person.startsWith('agent:') && other.what === what) return;
    issues.push({
      path: idPath,
      message: `${what} ${quote(id)} is also ${describeAgent(other)}'s: one Slack id, email or external id names one person${hint}`,
    });
  };
  agents.forEach((agent, index) => {
    const person = `agent:${index}`;
    const entry = record(record(list(record(teams[agent.path[1] as number]).agents)[agent.path[3] as number]));
    claim(agent.slack, { person, path: agent.path, name: agent.name }, [...agent.path, 'slack'], 'slack id', '');
    claim(agent.email, { person, path: agent.path, name: agent.name }, [...agent.path, 'email'], 'email', '');
    list(entry.externalIds).forEach((externalId, idIndex) =>
      claim(string(externalId), { person, path: agent.path, name: agent.name }, [...agent.path, 'externalIds', idIndex], 'external id', ''),
    );
  });
  teams.forEach((team, teamIndex) => {
    list(record(team).managers).forEach((managerValue, managerIndex) => {
      const manager = record(managerValue);
      const path: ConfigPath = ['teams', teamIndex, 'managers', managerIndex];
      const name = string(manager.name) ?? 'unnamed';
      const slack = string(manager.slack);
      const email = string(manager.email)?.toLowerCase();
      let person = `manager:${name.trim().toLowerCase()}|${slack ?? ''}|${email ?? ''}`;
      if (manager.alsoAgent === true) {
        const self = agents.findIndex(
          (agent) => (slack !== undefined && agent.slack === slack) || (email !== undefined && agent.email === email),
        );
        const agent = agents[self];
        if (agent === undefined || agent.slack !== slack || agent.email !== email) {
          issues.push({
            path: [...path, 'alsoAgent'],
            message:
              "alsoAgent: true needs an agent entry with exactly this manager's slack id and email (the same person, listed once as an agent)",
          });
          return;
        }
        person = `agent:${self}`;
      }
      const hint = manager.alsoAgent === true ? '' : '. If this manager is also that agent, add `alsoAgent: true` to the manager entry';
      claim(slack, { person, path, name }, [...path, 'slack'], 'slack id', hint);
      claim(email, { person, path, name }, [...path, 'email'], 'email', hint);
    });
  });
};

export const findConfigReferenceIssues = (config: unknown): ReferenceIssue[] => {
  const issues: ReferenceIssue[] = [];
  const root = record(config);

  // Call types
  const callTypes = list(root.callTypes);
  const callTypeKeys = checkUnique(callTypes, ['callTypes'], 'key', 'call type key', issues);

  // Rubric
  const criteria = list(record(root.rubric).criteria);
  const criterionKeys = checkUnique(criteria, ['rubric', 'criteria'], 'key', 'criterion key', issues);
  const weights = criteria.map((criterion) => finite(record(criterion).weight));
  if (weights.length > 0 && weights.every((weight) => weight !== undefined && weight > 0)) {
    const sum = (weights as number[]).reduce((total, weight) => total + weight, 0);
    if (Math.abs(sum - 100) > WEIGHT_SUM_TOLERANCE) {
      issues.push({
        path: ['rubric', 'criteria', weights.length - 1, 'weight'],
        message: `weights must sum to 100, got ${tidy(sum)}`,
      });
    }
  }
  criteria.forEach((criterion, index) => {
    list(record(criterion).callTypes).forEach((ref, refIndex) => {
      const key = string(ref);
      if (key === undefined || callTypeKeys.has(key)) return;
      issues.push({
        path: ['rubric', 'criteria', index, 'callTypes', refIndex],
        message: `unknown call type ${quote(key)} (${known(callTypeKeys)} under callTypes[].key)`,
      });
    });
  });

  // Teams and agents
  const teams = list(root.teams);
  const teamKeys = checkUnique(teams, ['teams'], 'key', 'team key', issues);
  const bySlack = new Map<string, AgentSeen>();
  const byEmail = new Map<string, AgentSeen>();
  const byExternalId = new Map<string, AgentSeen>();
  const agentsSeen: (AgentSeen & { slack: string | undefined; email: string | undefined })[] = [];
  teams.forEach((team, teamIndex) => {
    list(record(team).agents).forEach((agentValue, agentIndex) => {
      const agent = record(agentValue);
      const path: ConfigPath = ['teams', teamIndex, 'agents', agentIndex];
      const seen: AgentSeen = { path, name: string(agent.name) ?? 'unnamed' };
      agentsSeen.push({ ...seen, slack: string(agent.slack), email: string(agent.email)?.toLowerCase() });
      const claim = (map: Map<string, AgentSeen>, id: string | undefined, idPath: ConfigPath, what: string) => {
        if (id === undefined) return;
        const normalised = what === 'email' ? id.toLowerCase() : id;
        const other = map.get(normalised);
        if (other === undefined) {
          map.set(normalised, seen);
          return;
        }
        issues.push({
          path: idPath,
          message: `${what} ${quote(id)} is already used by ${describeAgent(other)}; an agent is listed once, in one team only`,
        });
      };
      claim(bySlack, string(agent.slack), [...path, 'slack'], 'slack id');
      claim(byEmail, string(agent.email), [...path, 'email'], 'email');
      list(agent.externalIds).forEach((externalId, idIndex) =>
        claim(byExternalId, string(externalId), [...path, 'externalIds', idIndex], 'external id'),
      );
    });
  });
  checkOnePersonPerId(teams, agentsSeen, issues);
  const agentExists = (ref: string): boolean => bySlack.has(ref) || byEmail.has(ref.toLowerCase()) || byExternalId.has(ref);

  // Programs
  const programs = list(root.programs);
  checkUnique(programs, ['programs'], 'key', 'program key', issues);
  programs.forEach((programValue, index) => {
    const program = record(programValue);
    const path: ConfigPath = ['programs', index];
    const agents = list(program.agents);
    const programTeams = list(program.teams);
    if (agents.length === 0 && programTeams.length === 0) {
      issues.push({
        path,
        message: 'enrols no one: list agents (slack id, email or external id) under agents, or team keys under teams',
      });
    }
    agents.forEach((ref, refIndex) => {
      const value = string(ref);
      if (value === undefined || agentExists(value.trim())) return;
      issues.push({
        path: [...path, 'agents', refIndex],
        message: `${quote(value)} is not a configured agent (use the slack id, email or external id of an agent listed under teams[].agents)`,
      });
    });
    programTeams.forEach((ref, refIndex) => {
      const value = string(ref);
      if (value === undefined || teamKeys.has(value)) return;
      issues.push({ path: [...path, 'teams', refIndex], message: `unknown team ${quote(value)} (${known(teamKeys)})` });
    });
    list(program.targetedCriteria).forEach((ref, refIndex) => {
      const value = string(ref);
      if (value === undefined || criterionKeys.has(value)) return;
      issues.push({
        path: [...path, 'targetedCriteria', refIndex],
        message: `unknown criterion ${quote(value)} (${known(criterionKeys)} under rubric.criteria[].key)`,
      });
    });
    const startsAt = string(program.startsAt);
    const completesAt = string(program.completesAt);
    if (startsAt !== undefined && completesAt !== undefined) {
      const start = Date.parse(startsAt);
      const end = Date.parse(completesAt);
      if (Number.isFinite(start) && Number.isFinite(end) && end < start) {
        issues.push({
          path: [...path, 'completesAt'],
          message: `completion date ${completesAt} is before the start date ${startsAt}`,
        });
      }
    }
  });

  // Thresholds
  const thresholds = record(root.thresholds);
  for (const key of Object.keys(record(record(thresholds.readiness).criteria))) {
    if (criterionKeys.has(key)) continue;
    issues.push({
      path: ['thresholds', 'readiness', 'criteria', key],
      message: `unknown criterion ${quote(key)} (${known(criterionKeys)} under rubric.criteria[].key)`,
    });
  }
  const baseline = record(thresholds.baseline);
  const minCalls = finite(baseline.minCalls);
  const maxCalls = finite(baseline.maxCalls);
  if (minCalls !== undefined && maxCalls !== undefined && maxCalls < minCalls) {
    issues.push({
      path: ['thresholds', 'baseline', 'maxCalls'],
      message: `must be at least baseline.minCalls (${minCalls}), got ${maxCalls}`,
    });
  }

  return issues;
};

/** Adapter for zod's superRefine. */
export const checkConfigReferences = (config: unknown, ctx: IssueSink): void => {
  for (const issue of findConfigReferenceIssues(config)) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
};
