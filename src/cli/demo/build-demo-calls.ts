import type { CallKind, Frustration } from '../../domain/types.ts';
import { buildCallTurns, type Behaviours, type EmpathyMiss } from './build-call-turns.ts';
import { chooseShare, createRng, hashSeed, type Rng } from './create-rng.ts';
import { SCENARIOS, type CallDetails, type Scenario } from './demo-scenarios.ts';
import { DEMO_TEAM_PLAN, type AgentPlan, type Phase, type PlanBlock } from './demo-team-plan.ts';
import { DEMO_FORMATS, FORMAT_EXTENSIONS, renderTranscript, type DemoFormat } from './render-transcript.ts';

/** The demo's fixed clock: every figure, period and status is computed as of this instant. */
export const DEMO_NOW = new Date('2026-10-09T17:00:00Z');
export const DEMO_SEED = 20_260_803;

export interface DemoCall {
  /** The agent's external id in the example config. */
  agent: string;
  agentName: string;
  callType: string;
  kind: CallKind;
  phase: Phase;
  occurredAt: Date;
  externalId: string;
  fileName: string;
  format: DemoFormat;
  content: string;
  /** What the transcript was built to show (the demo's ground truth, e.g. for the human review). */
  plan: {
    scenario: string;
    frustration: Frustration;
    behaviours: Behaviours;
    empathyMiss: EmpathyMiss;
    unresolvedLine: 0 | 1;
  };
}

const CUSTOMERS = [
  'Jordan Lee',
  'Priya Shah',
  'Marcus Webb',
  'Sofia Alvarez',
  'Tom Becker',
  'Grace Kim',
  'Omar Haddad',
  'Lena Fischer',
  'Sam Carter',
  'Nina Rossi',
  'Kwame Mensah',
  'Hannah Cole',
  'Luis Romero',
  'Mei Chen',
  'Isaac Novak',
  'Ruth Adler',
] as const;

const REFERENCE_PREFIX: Record<string, string> = {
  'double-charge': 'RF',
  'late-fee': 'WV',
  'password-reset': 'PW',
  'late-delivery': 'TR',
  'outage-supervisor': 'CS',
  'cancel-threat': 'CS',
};

/** A 16-digit Visa-style number that passes the Luhn check, in groups of four (so redaction has work to do). */
const luhnCard = (rng: Rng): string => {
  const digits = [4, ...Array.from({ length: 14 }, () => rng.int(0, 9))];
  const sum = digits
    .slice()
    .reverse()
    .reduce((total, digit, index) => {
      const doubled = index % 2 === 0 ? digit * 2 : digit;
      return total + (doubled > 9 ? doubled - 9 : doubled);
    }, 0);
  const all = [...digits, (10 - (sum % 10)) % 10].join('');
  return all.replace(/(\d{4})(?=\d)/g, '$1 ');
};

const callDetails = (rng: Rng, scenario: Scenario, customer: string, ticket: string): CallDetails => ({
  account: String(rng.int(100_000, 999_999)),
  ticket,
  amount: `$${rng.int(12, 89)}.${rng.pick(['00', '50', '99', '25'])}`,
  reference: `${REFERENCE_PREFIX[scenario.key] ?? 'REF'}-${rng.int(10_000, 99_999)}`,
  email: `${customer.toLowerCase().replace(' ', '.')}@example.com`,
  card: luhnCard(rng),
  phone: `(312) 555-0${rng.int(100, 199)}`,
});

/** Exactly round(share·n) calls per frustration level, in a seeded order. */
const frustrationsFor = (rng: Rng, block: PlanBlock): Frustration[] => {
  const levels = (['none', 'mild', 'high'] as const).filter((level) => (block.frustration[level] ?? 0) > 0);
  const list: Frustration[] = [];
  levels.forEach((level, index) => {
    const count = index === levels.length - 1 ? block.calls - list.length : Math.round((block.frustration[level] ?? 0) * block.calls);
    for (let i = 0; i < count; i += 1) list.push(level);
  });
  return rng.shuffle(list);
};

/** A call time inside the block's window: spread evenly over its days, in US business hours (UTC). */
const callTime = (rng: Rng, block: PlanBlock, index: number): Date => {
  const day = Math.floor(((index + 0.5) * block.days) / block.calls);
  const [year, month, date] = block.from.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + day, 14 + rng.int(0, 7), rng.int(0, 59)));
};

interface Draft extends Omit<DemoCall, 'externalId' | 'fileName' | 'format' | 'content'> {
  turns: ReturnType<typeof buildCallTurns>;
  customer: string;
}

const draftBlock = (rng: Rng, agent: AgentPlan, block: PlanBlock, blockIndex: number): Draft[] => {
  const shows = Object.fromEntries(
    (Object.keys(block.profile) as (keyof Behaviours)[]).map((behaviour) => [
      behaviour,
      chooseShare(rng, block.calls, block.profile[behaviour]),
    ]),
  ) as Record<keyof Behaviours, boolean[]>;
  const frustrations = frustrationsFor(rng, block);
  const scenarios = SCENARIOS.filter((scenario) => scenario.callTypes.includes(block.callType));
  const order = rng.shuffle(scenarios);
  return Array.from({ length: block.calls }, (_, index) => {
    const scenario = order[index % order.length] as Scenario;
    const customer = rng.pick(CUSTOMERS);
    const behaviours: Behaviours = {
      empathy: shows.empathy[index] ?? false,
      listening: shows.listening[index] ?? false,
      tone: shows.tone[index] ?? false,
      resolution: shows.resolution[index] ?? false,
      close: shows.close[index] ?? false,
    };
    const frustration = frustrations[index] ?? 'mild';
    const unresolvedLine = rng.next() < 0.5 ? 0 : 1;
    const turns = buildCallTurns(
      {
        scenario,
        frustration,
        behaviours,
        empathyMiss: block.empathyMiss,
        unresolvedLine,
        details: callDetails(rng, scenario, customer, `TK-${blockIndex + 1}${String(index + 1).padStart(3, '0')}`),
        agentFirstName: agent.name.split(' ')[0] ?? agent.name,
      },
      rng,
    );
    return {
      agent: agent.ref,
      agentName: agent.name,
      callType: block.callType,
      kind: block.kind,
      phase: block.phase,
      occurredAt: callTime(rng, block, index),
      plan: { scenario: scenario.key, frustration, behaviours, empathyMiss: block.empathyMiss, unresolvedLine },
      turns,
      customer,
    };
  });
};

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/**
 * The demo team's calls, as transcript text in every supported format with the metadata an import
 * needs. Pure and deterministic: the same seed gives the same calls, byte for byte (no clock, no
 * Math.random). Each agent's phase profile decides which behaviours each call shows.
 */
export const buildDemoCalls = (seed: number = DEMO_SEED, plan: readonly AgentPlan[] = DEMO_TEAM_PLAN): DemoCall[] => {
  const drafts = plan.flatMap((agent) =>
    agent.blocks.flatMap((block, index) => draftBlock(createRng(hashSeed(`${seed}:${agent.ref}:${index}`)), agent, block, index)),
  );
  drafts.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0));
  return drafts.map(({ turns, customer, ...draft }, index) => {
    const format = DEMO_FORMATS[index % DEMO_FORMATS.length] as DemoFormat;
    const externalId = `NS-${String(index + 1).padStart(4, '0')}`;
    return {
      ...draft,
      externalId,
      fileName: `${slug(draft.agentName)}/${draft.occurredAt.toISOString().slice(0, 10)}-${externalId}.${FORMAT_EXTENSIONS[format]}`,
      format,
      content: renderTranscript(turns, format, { agent: draft.agentName, customer }),
    };
  });
};

/** A transcript export cut off mid-file: the demo imports it to show the readable error. */
export const DEMO_MALFORMED_FILE = {
  fileName: 'exports/NS-BROKEN.json',
  content:
    '{"turns": [{"role": "agent", "text": "Thank you for calling Northside Support."}, {"role": "customer", "text": "Hi, I was charged tw',
};
