import type { Role, Turn } from '../domain/types.ts';
import {
  agentAmbiguousError,
  agentCuesDisagreeError,
  agentSpeakerMissingError,
  agentUnknownError,
  singleSpeakerError,
  unlabelledTurnError,
} from './ingest-errors.ts';
import { speakerKey } from './merge-consecutive-turns.ts';
import type { RawTurn } from './raw-turn.ts';
import { escapeRegExp } from '../domain/escape-regexp.ts';

export interface MapRolesOptions {
  /** The agent's known names ("Sarah Jones", "Sarah"); matched against speaker labels. */
  agentNames: readonly string[];
  /** The speaker label that is the agent, as the user gave it (`--agent-speaker`); wins over everything. */
  agentSpeaker?: string;
  /** The company's names as its agents say them ("Northside", "Northside Energy"): the team's `company`. */
  companies?: readonly string[];
  /** Greetings the team's agents open with, beside the usual ones ("thank you for calling", "how can I help"). */
  greetings?: readonly string[];
}

const AGENT_WORDS = new Set(['agent', 'rep', 'representative', 'advisor', 'adviser', 'associate', 'csr', 'support']);
const CUSTOMER_WORDS = new Set(['customer', 'caller', 'client', 'member', 'guest']);
/** "Customer Service Representative", "Customer Support" are the agent's side. */
const AGENT_PHRASE = /\bcustomer (?:service|support|care|success)\b/;

/** A speaker label or a person's name reduced for comparison: no accents, affiliations or punctuation. */
export const normalizeName = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\([^)]*\)|\[[^\]]*\]|\{[^}]*\}/g, ' ')
    .replace(/\s+[-–—|@]\s+.*$/, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}'’-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** 2 when the label is the agent's full name, 1 when it is the first name (or "Sarah J."), 0 otherwise. */
export const nameMatchStrength = (label: string, agentName: string): 0 | 1 | 2 => {
  const speaker = normalizeName(label);
  const name = normalizeName(agentName.includes('@') ? '' : agentName);
  if (speaker === '' || name === '') return 0;
  const speakerTokens = speaker.split(' ');
  const nameTokens = name.split(' ');
  if (speaker === name) return 2;
  if (nameTokens.length > 1 && [...speakerTokens].sort().join(' ') === [...nameTokens].sort().join(' ')) return 2;
  const first = nameTokens[0] ?? '';
  const last = nameTokens[nameTokens.length - 1] ?? '';
  if (speaker === first) return 1;
  if (nameTokens.length === 1 && speakerTokens[0] === first) return 1;
  if (speakerTokens.length === 2 && speakerTokens[0] === first && nameTokens.length > 1) {
    const initial = speakerTokens[1] ?? '';
    if (initial.length === 1 && last.startsWith(initial)) return 1;
  }
  return 0;
};

/** The side a role label names ("Agent 1", "Sarah (Acme Support)", "Caller"), null when it names none or both. */
const roleFromLabel = (label: string): Role | null => {
  const lower = label.toLowerCase();
  if (AGENT_PHRASE.test(lower)) return 'agent';
  const words = lower.split(/[^\p{L}]+/u).filter((word) => word !== '');
  const agent = words.some((word) => AGENT_WORDS.has(word));
  const customer = words.some((word) => CUSTOMER_WORDS.has(word));
  if (agent === customer) return null;
  return agent ? 'agent' : 'customer';
};

interface Speaker {
  key: string;
  label: string;
}

/** How the agent was told apart (the cue that decided), said back to the user by every import. */
export const ROLE_RULES = {
  platform: "the platform's own role fields",
  agentSpeaker: 'the agent speaker given (--agent-speaker / agentSpeaker)',
  agentName: "the agent's configured name or alias as a speaker label",
  roleLabel: 'the speaker labels (Agent, Customer …)',
  otherSpeaker: 'the one speaker left beside the labelled customer',
  introduction: 'the agent\'s name in their introduction ("you\'re through to Ana", "Ana from Northside", "Ana speaking")',
  addressed: 'the other speaker calling the agent by name ("thanks, Ana")',
  opening: 'the speaker who opens with the company\'s name or an agent\'s greeting ("thank you for calling …")',
} as const;
export type RoleRule = keyof typeof ROLE_RULES;

/** The names an agent introduces themselves by: each configured name and alias, and their first names. */
export const introducedNames = (agentNames: readonly string[]): string[] => {
  const names = new Set<string>();
  for (const name of agentNames) {
    if (name.includes('@')) continue;
    const normalized = normalizeName(name);
    if (normalized.length < 2) continue;
    names.add(normalized);
    const first = normalized.split(' ')[0] ?? '';
    if (first.length >= 2) names.add(first);
  }
  return [...names];
};

const INTRODUCING_WORDS =
  "this is|it's|it is|my name is|my name's|i am|i'm|you're (?:speaking|talking|through) (?:to|with)|you are (?:speaking|talking|through) (?:to|with)|" +
  "you've been (?:put )?through to|you have been (?:put )?through to|you've reached|you have reached|you're with|you are with";

/** An alternation of names as a pattern: spaces as any whitespace. */
const alternation = (names: readonly string[]): string => names.map((name) => escapeRegExp(name).replace(/ /g, '\\s+')).join('|');

/**
 * How agents introduce themselves: "this is Sam", "my name is Sam, how can I help", "you're through to Sam",
 * "you've reached Sam", "Sam speaking", "Sam here", "Sam from Northside" (from, with or at the company, or any
 * company when none is configured) — not "is this Sam?" or "Sam's".
 */
export const introductionPattern = (names: readonly string[], companies: readonly string[]): RegExp | null => {
  if (names.length === 0) return null;
  const alternatives = alternation(names);
  const company = companies.length > 0 ? `(?:${alternation(companies)})\\b` : String.raw`(?:the\s+)?\p{Lu}`;
  return new RegExp(
    String.raw`(?:\b(?:${INTRODUCING_WORDS})\s+(?:${alternatives})\b(?!['’]s\b))|(?:\b(?:${alternatives})\s+(?:speaking|here)\b)|(?:\b(?:${alternatives}),?\s+(?:from|with|at)\s+${company})`,
    'iu',
  );
};

/** Someone calling the agent by name: "thanks, Sam", "thank you so much Sam", "hi Sam", "Sam, I was charged …", "…, Sam." */
export const addressPattern = (names: readonly string[]): RegExp | null => {
  if (names.length === 0) return null;
  const alternatives = alternation(names);
  return new RegExp(
    String.raw`(?:\b(?:thanks|thank you|cheers|hi|hello|hey|bye|goodbye|sorry|ok(?:ay)?|right|yes|no|great)(?:\s+(?:so|very)\s+much)?,?\s+(?:${alternatives})\b(?!['’]s\b))|` +
      String.raw`(?:^\W*(?:${alternatives}),\s)|(?:,\s*(?:${alternatives})\s*[,.!?])`,
    'iu',
  );
};

/** The usual openings of an agent: "thank you for calling", "how can I help", "you're through to", "welcome to". */
const AGENT_GREETINGS = [
  'thank you for calling',
  'thanks for calling',
  'thank you for contacting',
  'thanks for contacting',
  'thank you for holding',
  'welcome to',
  'how can i help',
  'how may i help',
  'how can i assist',
  'how may i assist',
  'what can i do for you',
  "you're through to",
  'you are through to',
  "you've reached",
  'you have reached',
  'you’re through to',
];

/** The text of a turn as the cues read it: no accents, straight apostrophes. */
const plain = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/’/g, "'");

/** The one speaker (of `keys`) whose own turns match, or null when none or several do. */
const onlySpeakerMatching = (
  turns: readonly RawTurn[],
  keys: ReadonlySet<string>,
  pattern: RegExp,
  except: RegExp | null = null,
): { found: string | null; several: boolean } => {
  const matching = new Set<string>();
  const leaveOut = except === null ? null : new RegExp(except.source, `${except.flags.replace('g', '')}g`);
  for (const turn of turns) {
    if (turn.speaker === null || turn.role !== undefined) continue;
    const key = speakerKey(turn.speaker);
    const text = leaveOut === null ? plain(turn.text) : plain(turn.text).replace(leaveOut, ' … ');
    if (keys.has(key) && pattern.test(text)) matching.add(key);
  }
  return { found: matching.size === 1 ? ([...matching][0] ?? null) : null, several: matching.size > 1 };
};

/** The speaker who introduces the agent by name (4). */
const findIntroducingSpeaker = (
  speakers: readonly Speaker[],
  turns: readonly RawTurn[],
  agentNames: readonly string[],
  companies: readonly string[],
): string | null => {
  const pattern = introductionPattern(introducedNames(agentNames), companies);
  if (pattern === null) return null;
  return onlySpeakerMatching(turns, new Set(speakers.map((speaker) => speaker.key)), pattern).found;
};

/** The speaker the other one calls by the agent's name (5): in a call of two speakers, the one who is not calling. */
const findAddressedSpeaker = (
  speakers: readonly Speaker[],
  turns: readonly RawTurn[],
  agentNames: readonly string[],
  companies: readonly string[],
): string | null => {
  if (speakers.length !== 2) return null;
  const names = introducedNames(agentNames);
  const pattern = addressPattern(names);
  if (pattern === null) return null;
  // "Yes, Ana speaking" introduces Ana; it does not call her.
  const { found } = onlySpeakerMatching(
    turns,
    new Set(speakers.map((speaker) => speaker.key)),
    pattern,
    introductionPattern(names, companies),
  );
  if (found === null) return null;
  return speakers.find((speaker) => speaker.key !== found)?.key ?? null;
};

/** How many of the first turns may hold the agent's opening (a customer's "Hello?" may come first). */
const OPENING_TURNS = 3;

/**
 * The speaker who opens with the company's name or an agent's greeting (6): within the first turns, the
 * first that greets like an agent ("thank you for calling", "how can I help", the team's greetings) or
 * begins with the company's name ("Northside, you're through to …").
 */
const findOpeningSpeaker = (
  speakers: readonly Speaker[],
  turns: readonly RawTurn[],
  companies: readonly string[],
  greetings: readonly string[],
): string | null => {
  const keys = new Set(speakers.map((speaker) => speaker.key));
  const greeting = new RegExp(
    String.raw`\b(?:${[...AGENT_GREETINGS, ...greetings.map((text) => text.toLowerCase())].map((text) => escapeRegExp(plain(text)).replace(/ /g, '\\s+')).join('|')})\b`,
    'iu',
  );
  const startsWithCompany =
    companies.length > 0
      ? new RegExp(
          String.raw`^\W*(?:(?:good\s+(?:morning|afternoon|evening)|hi|hello),?\s+)?(?:${alternation(companies)})\b(?!\s*\?)`,
          'iu',
        )
      : null;
  for (const turn of turns.slice(0, OPENING_TURNS)) {
    if (turn.speaker === null || turn.role !== undefined) continue;
    const key = speakerKey(turn.speaker);
    if (!keys.has(key)) continue;
    const text = plain(turn.text);
    if (greeting.test(text) || startsWithCompany?.test(text)) return key;
  }
  return null;
};

/** The speaker key of the agent among the speakers without an explicit role (null for "none of them"), and the rule that found it. */
const findAgentKey = (
  speakers: readonly Speaker[],
  turns: readonly RawTurn[],
  allLabels: readonly string[],
  options: MapRolesOptions,
  explicit: ReadonlySet<Role>,
): { key: string | null; rule: RoleRule } => {
  const agentSpeaker = options.agentSpeaker?.trim();
  if (agentSpeaker) {
    const key = speakerKey(agentSpeaker);
    const exact = speakers.find((speaker) => speaker.key === key);
    if (exact) return { key: exact.key, rule: 'agentSpeaker' };
    for (const strength of [2, 1]) {
      const byName = speakers.filter((speaker) => nameMatchStrength(speaker.label, agentSpeaker) === strength);
      if (byName.length === 1 && byName[0]) return { key: byName[0].key, rule: 'agentSpeaker' };
      if (byName.length > 1)
        throw agentAmbiguousError(
          byName.map((speaker) => speaker.label),
          allLabels,
        );
    }
    throw agentSpeakerMissingError(agentSpeaker, allLabels);
  }
  if (explicit.has('agent')) return { key: null, rule: 'platform' };

  const strengths = speakers.map((speaker) => Math.max(0, ...options.agentNames.map((name) => nameMatchStrength(speaker.label, name))));
  const best = Math.max(0, ...strengths);
  if (best > 0) {
    const matched = speakers.filter((_, index) => strengths[index] === best);
    if (matched.length === 1 && matched[0]) return { key: matched[0].key, rule: 'agentName' };
    throw agentAmbiguousError(
      matched.map((speaker) => speaker.label),
      allLabels,
    );
  }

  const labelled = speakers.map((speaker) => roleFromLabel(speaker.label));
  const agents = speakers.filter((_, index) => labelled[index] === 'agent');
  if (agents.length === 1 && agents[0]) return { key: agents[0].key, rule: 'roleLabel' };
  if (agents.length > 1)
    throw agentAmbiguousError(
      agents.map((speaker) => speaker.label),
      allLabels,
    );
  const unlabelled = speakers.filter((_, index) => labelled[index] === null);
  const customerKnown = explicit.has('customer') || labelled.includes('customer');
  if (customerKnown && unlabelled.length === 1 && unlabelled[0]) return { key: unlabelled[0].key, rule: 'otherSpeaker' };

  // What is said: every cue is read, and they must agree.
  const companies = options.companies ?? [];
  const cues: { rule: RoleRule; key: string | null }[] = [
    { rule: 'introduction', key: findIntroducingSpeaker(speakers, turns, options.agentNames, companies) },
    { rule: 'addressed', key: findAddressedSpeaker(speakers, turns, options.agentNames, companies) },
    { rule: 'opening', key: findOpeningSpeaker(speakers, turns, companies, options.greetings ?? []) },
  ];
  const decided = cues.filter((cue): cue is { rule: RoleRule; key: string } => cue.key !== null);
  const first = decided[0];
  if (!first) throw agentUnknownError(allLabels);
  const disagreeing = decided.filter((cue) => cue.key !== first.key);
  if (disagreeing.length > 0) {
    const labelOf = (key: string): string => speakers.find((speaker) => speaker.key === key)?.label ?? key;
    throw agentCuesDisagreeError(
      decided.map((cue) => ({ cue: ROLE_RULES[cue.rule], speaker: labelOf(cue.key) })),
      allLabels,
    );
  }
  return { key: first.key, rule: first.rule };
};

export interface MappedRoles {
  turns: Turn[];
  /** Which rule told the agent apart. */
  rule: RoleRule;
}

/**
 * Gives every raw turn its role. Turns that carry a `role` (a platform's own role field, JSON `role`) keep
 * it. Among the others the agent is, in order: the `agentSpeaker` given by the user; the speaker matching
 * one of the agent's names (case-insensitive, full or first name, ignoring accents and affiliations like
 * "(Acme Support)"); the speaker with an agent role label (Agent, Rep, Representative, Advisor, Associate,
 * CSR, Support); the one speaker who introduces themselves by one of the agent's names ("this is Sam",
 * "Sam speaking"); or the one speaker left when the others are labelled Customer, Caller, Client, Member
 * or Guest. Every other speaker is the customer. Returns the rule that decided. Throws `transcript_unlabelled_turn`, `transcript_single_speaker`,
 * `transcript_agent_speaker_missing` or `transcript_agent_unknown` (listing the speakers and the fix).
 */
export const mapRoles = (turns: readonly RawTurn[], options: MapRolesOptions): MappedRoles => {
  const speakers = new Map<string, Speaker>();
  const identities = new Set<string>();
  const allLabels: string[] = [];
  const explicit = new Set<Role>();
  turns.forEach((turn, index) => {
    if (turn.speaker === null && turn.role === undefined) throw unlabelledTurnError(index + 1, turn.text);
    if (turn.role !== undefined) explicit.add(turn.role);
    const label = turn.speaker ?? turn.role ?? '';
    const key = speakerKey(label);
    const identity = turn.speaker === null ? `role:${turn.role ?? ''}` : `speaker:${key}`;
    if (!identities.has(identity)) {
      identities.add(identity);
      allLabels.push(label);
    }
    if (turn.role === undefined && !speakers.has(key)) speakers.set(key, { key, label });
  });
  if (identities.size < 2) throw singleSpeakerError(allLabels);

  const found =
    speakers.size === 0
      ? { key: null, rule: 'platform' as const }
      : findAgentKey([...speakers.values()], turns, allLabels, options, explicit);
  const agentKey = found.key;
  const mapped = turns.map((turn): Turn => {
    const role: Role = turn.role ?? (turn.speaker !== null && speakerKey(turn.speaker) === agentKey ? 'agent' : 'customer');
    return turn.start === undefined ? { role, text: turn.text } : { role, text: turn.text, start: turn.start };
  });
  if (!mapped.some((turn) => turn.role === 'agent')) throw agentUnknownError(allLabels);
  if (!mapped.some((turn) => turn.role === 'customer')) throw singleSpeakerError(allLabels);
  return { turns: mapped, rule: found.rule };
};
