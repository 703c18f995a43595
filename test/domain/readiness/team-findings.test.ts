import { describe, expect, it } from 'vitest';
import { buildAgentReadiness, findTeamFindings, markTeamWide } from '../../../src/domain/readiness/index.ts';
import { baselineCalls, CRITERIA, input, periodCalls, thresholds } from './factory.ts';

const agentWith = (id: string, empathy: number) =>
  buildAgentReadiness(
    input({
      agent: { id, key: id, displayName: id },
      calls: [...baselineCalls(20, { score: 70 }), ...periodCalls(0, 15, { score: 85, scores: { empathy } })],
    }),
  );

describe('findTeamFindings', () => {
  it('when the team mean is below the threshold but only one of three agents is, then it is not team-wide: that agent is coached', () => {
    const team = [agentWith('a', 60), agentWith('b', 90), agentWith('c', 85)];
    const findings = findTeamFindings(team, CRITERIA, thresholds(), { teamKey: 'support' });
    expect(findings.teamWideCriteria).toEqual([]);
    expect(findings.criteria.find((finding) => finding.criterion === 'empathy')).toMatchObject({
      fired: false,
      agentsBelow: 1,
      agentsWithData: 3,
    });
  });

  it('when more than half of three agents are below, then team_wide_low fires, names the condition and keys the team', () => {
    const team = [agentWith('a', 60), agentWith('b', 70), agentWith('c', 85)];
    const findings = findTeamFindings(team, CRITERIA, thresholds(), { teamKey: 'support' });
    expect(findings.teamWideCriteria).toEqual(['empathy']);
    const [found] = findings.recommendations;
    expect(found).toMatchObject({ rule: 'team_wide_low', scope: 'team', criterion: 'empathy' });
    expect(found?.evidence).toMatchObject({ byMean: true, byShare: true, minAgents: 3, agentsBelow: 2, agentsWithData: 3 });
    expect(found?.evidence.teamMean).toBeCloseTo(215 / 3);
    expect(found?.message).toContain('curriculum content gap');
    expect(found?.dedupeKey).toContain('support');
  });

  it('when most of the team is below but the mean is above, then it fires by share', () => {
    const team = [agentWith('a', 79), agentWith('b', 79), agentWith('c', 100)];
    const [found] = findTeamFindings(team, CRITERIA, thresholds()).recommendations;
    expect(found?.evidence).toMatchObject({ byMean: false, byShare: true, agentsBelow: 2, agentIdsBelow: ['a', 'b'] });
  });

  it('when exactly half the team is below and the mean is at the threshold, then it does not fire', () => {
    const team = [agentWith('a', 70), agentWith('b', 90)];
    expect(findTeamFindings(team, CRITERIA, thresholds()).recommendations).toEqual([]);
  });

  it('when fewer agents than rules.teamMinAgents have batches, then there is no team-wide finding, however low they all are', () => {
    expect(findTeamFindings([agentWith('a', 40)], CRITERIA, thresholds()).recommendations).toEqual([]);
    expect(findTeamFindings([agentWith('a', 40), agentWith('b', 40)], CRITERIA, thresholds()).recommendations).toEqual([]);
    expect(findTeamFindings([agentWith('a', 40)], CRITERIA, thresholds({ rules: { teamMinAgents: 1 } })).recommendations).toHaveLength(1);
  });

  it('when a criterion is low team-wide, then the agent recommendations for it are marked or dropped', () => {
    const team = [agentWith('a', 72), agentWith('b', 71), agentWith('c', 70)];
    const findings = findTeamFindings(team, CRITERIA, thresholds());
    const own = team[0]?.recommendations ?? [];
    expect(own.some((entry) => entry.criterion === 'empathy')).toBe(true);
    const marked = markTeamWide(own, findings, CRITERIA);
    const empathy = marked.filter((entry) => entry.criterion === 'empathy');
    expect(empathy.every((entry) => entry.teamWide === true && entry.message.includes('low across the team'))).toBe(true);
    expect(empathy.map((entry) => entry.dedupeKey)).toEqual(
      own.filter((entry) => entry.criterion === 'empathy').map((entry) => entry.dedupeKey),
    );
    expect(markTeamWide(own, findings, CRITERIA, 'drop').some((entry) => entry.criterion === 'empathy')).toBe(false);
  });
});
