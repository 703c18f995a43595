/**
 * Validity benchmark (a script that prints figures, not a test): `npm run bench:validity [-- <folder>] [-- --fit]`.
 * Does the embedded scorer rank calls the way people do? Over a folder of human-rated customer-helpdesk
 * dialogues (default ../shared/data/stc3-dev, or the first argument, or FLOORREADY_VALIDITY_DATA): the
 * NTCIR-14 STC-3 Dialogue Quality development split, 19 raters per dialogue (annotations CC BY 4.0: Zeng,
 * Luo, Shang, Li and Sakai, EVIA 2017). It prints Spearman's rank correlation of
 * - the resolution criterion with the raters' mean "task accomplished" (A), and
 * - the overall score with their mean "customer satisfied" (S),
 * for the scorer as shipped (its close model fitted on this whole folder), for a 5-fold cross-validation
 * (the close model refitted on four fifths and scored on the fifth it never saw), and for the reference
 * one-line rule "the customer's last turn says thanks / solved / ok / great / works". Goal: ≥ 0.45 each.
 * `--fit` also prints the close model's weights fitted on the whole folder, for customer-close-weights.ts.
 *
 * Every set it measures is printed beside two baselines that know nothing of the behaviour: the agent's word
 * count, and a 9-word empathy lexicon (sorry, understand, feel, hear, imagine, frustrating, difficult, hope,
 * apologize: how many of them the agent says). The sets:
 * 1. STC-3 (above): resolution ~ A, overall ~ S, and empathy ~ S.
 * 2. DUO, EmpatheticDialogues setting (ikuminumaya/duo-dataset `ed/en`, CC BY-NC 4.0; `--duo <folder>` or
 *    FLOORREADY_DUO_DATA, default ../shared/data/duo-ed, skipped when absent): people telling a chatbot about an
 *    emotional experience; empathy ~ the person's own empathy rating, and ~ three observers' mean. Half the
 *    dialogues (by a hash of their id) were held out from development; both halves are printed.
 * 3. The paired calls and the issue's cat example (test/scoring/fixtures/paired-calls.ts): their order.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CALL_TYPES, DEFAULT_CRITERIA } from '../src/config/default-rubric.ts';
import type { Rubric, ScoreResult, Turn } from '../src/domain/types.ts';
import { hashSeed } from '../src/cli/demo/create-rng.ts';
import { CUSTOMER_CLOSE_WEIGHTS } from '../src/scoring/embedded/customer-close-weights.ts';
import { CLOSE_FEATURES, type CloseWeights, readCustomerClose } from '../src/scoring/embedded/read-customer-close.ts';
import { readFrustration } from '../src/scoring/embedded/read-frustration.ts';
import { createEmbeddedScorer } from '../src/scoring/embedded-scorer.ts';
import { fitRidge } from './validity/fit-ridge.ts';
import { loadRatedCalls, type RatedCall } from './validity/load-rated-calls.ts';
import { spearman } from './validity/spearman.ts';
import { type EmpathyRatedChat, loadDuoChats } from './validity/load-duo.ts';
import { catCustomer, catRule, catSympathy, cold, genuine, quietCompetence, stockPhrases } from '../test/scoring/fixtures/paired-calls.ts';

const GOAL = 0.45;
const FOLDS = 5;
/** Ridge penalty on the standardised close features: mild shrinkage, fixed before looking at the figures. */
const LAMBDA = 10;
const REFERENCE_RULE = /\b(thanks?|thank you|solved|ok|okay|great|works?)\b/i;

const args = process.argv.slice(2);
const fit = args.includes('--fit');
const duoAt = args.indexOf('--duo');
const duoFolder = path.resolve((duoAt >= 0 ? args[duoAt + 1] : undefined) ?? process.env.FLOORREADY_DUO_DATA ?? '../shared/data/duo-ed');
const folder = path.resolve(
  args.find((arg, i) => !arg.startsWith('--') && i !== duoAt + 1) ?? process.env.FLOORREADY_VALIDITY_DATA ?? '../shared/data/stc3-dev',
);

const rubric: Rubric = { version: 1, criteria: DEFAULT_CRITERIA.map((criterion) => ({ ...criterion })) };
const callTypes = DEFAULT_CALL_TYPES.map((callType) => ({ ...callType }));
const RESOLUTION = rubric.criteria.find((criterion) => /resol/i.test(criterion.key))!.key;

const fmt = (n: number): string => (n >= 0 ? `+${n.toFixed(2)}` : n.toFixed(2));
const pad = (text: string, width: number): string => text.padEnd(width);
const outcomeTarget = (call: RatedCall): number => (call.accomplished + call.satisfied) / 2;

/** The close model's features of a call, or null when the customer spoke only once (no closing turn). */
const closeFeatureRow = (turns: Turn[]): number[] | null => {
  const close = readCustomerClose(turns, readFrustration(turns), CUSTOMER_CLOSE_WEIGHTS);
  return close.turn === null ? null : CLOSE_FEATURES.map((feature) => close.features[feature]);
};

/** Fits the close model on `calls`: ridge regression of the mean of A and S on the closing features. */
const fitCloseWeights = (calls: readonly RatedCall[]): CloseWeights => {
  const rows: number[][] = [];
  const targets: number[] = [];
  for (const call of calls) {
    const row = closeFeatureRow(call.turns);
    if (row === null) continue;
    rows.push(row);
    targets.push(outcomeTarget(call));
  }
  const fitted = fitRidge(rows, targets, LAMBDA);
  return {
    intercept: fitted.intercept,
    weights: Object.fromEntries(CLOSE_FEATURES.map((feature, j) => [feature, fitted.weights[j]!])) as CloseWeights['weights'],
  };
};

const scoreAll = async (calls: readonly RatedCall[], closeWeights?: CloseWeights): Promise<ScoreResult[]> => {
  const scorer = createEmbeddedScorer({ now: () => 0, ...(closeWeights ? { closeWeights } : {}) });
  return Promise.all(calls.map((call) => scorer.score({ turns: call.turns, rubric, callType: 'basic_inbound', callTypes, maskNames: [] })));
};

const criterionScore = (result: ScoreResult, key: string): number => result.criteria.find((c) => c.key === key)?.score ?? 50;

/** The two baselines: the agent's word count, and how many words of a 9-word empathy lexicon the agent says. */
const LEXICON = /\b(?:sorry|understand|feel|hear|imagine|frustrating|difficult|hope|apologi[sz]e)\b/gi;
const agentText = (turns: readonly Turn[]): string =>
  turns
    .filter((turn) => turn.role === 'agent')
    .map((turn) => turn.text)
    .join(' ');
const agentWords = (turns: readonly Turn[]): number => agentText(turns).split(/\s+/).filter(Boolean).length;
const lexiconWords = (turns: readonly Turn[]): number => (agentText(turns).match(LEXICON) ?? []).length;
const EMPATHY = rubric.criteria.find((criterion) => /empath/i.test(criterion.key))!.key;
const WIDTH = 64;

/** One line: a measure, the scorer's Spearman and the two baselines'. */
const measureLine = (label: string, scorer: number, words: number, lexicon: number): void =>
  console.log(`${pad(label, WIDTH)}${pad(fmt(scorer), 10)}${pad(fmt(words), 12)}${fmt(lexicon)}`);
const measureHeader = (): void => console.log(`${pad('Spearman', WIDTH)}${pad('scorer', 10)}${pad('word count', 12)}9-word lexicon`);

const figures = (calls: readonly RatedCall[], results: readonly ScoreResult[]) => ({
  resolution: spearman(
    results.map((r) => criterionScore(r, RESOLUTION)),
    calls.map((c) => c.accomplished),
  ),
  overall: spearman(
    results.map((r) => r.overall ?? 50),
    calls.map((c) => c.satisfied),
  ),
});

const main = async (): Promise<void> => {
  if (!existsSync(folder)) {
    console.log(`bench:validity skipped: no rated dialogues at ${folder}.`);
    console.log(
      'Pass the folder (npm run bench:validity -- <folder>) or set FLOORREADY_VALIDITY_DATA; it needs human.csv and calls/*.json (see the README).',
    );
    return;
  }
  const calls = await loadRatedCalls(folder);
  if (calls === null) {
    console.log(`bench:validity skipped: ${folder} has no human.csv.`);
    return;
  }
  console.log(`Embedded scorer validity on ${calls.length} human-rated dialogues in ${folder}`);
  console.log('(NTCIR-14 STC-3 Dialogue Quality, annotations CC BY 4.0: Zeng, Luo, Shang, Li and Sakai, EVIA 2017)\n');

  const shipped = await scoreAll(calls);
  const again = await scoreAll(calls);
  const identical = shipped.filter((result, i) => JSON.stringify(result) === JSON.stringify(again[i])).length;
  const full = figures(calls, shipped);

  const heldOut: ScoreResult[] = new Array(calls.length);
  const fold = (call: RatedCall): number => hashSeed(call.id) % FOLDS;
  for (let k = 0; k < FOLDS; k += 1) {
    const weights = fitCloseWeights(calls.filter((call) => fold(call) !== k));
    const test = calls.map((call, i) => ({ call, i })).filter(({ call }) => fold(call) === k);
    const results = await scoreAll(
      test.map(({ call }) => call),
      weights,
    );
    test.forEach(({ i }, j) => {
      heldOut[i] = results[j]!;
    });
  }
  const cross = figures(calls, heldOut);
  const perFold = Array.from({ length: FOLDS }, (_, k) => {
    const members = calls.map((call, i) => ({ call, result: heldOut[i]! })).filter(({ call }) => fold(call) === k);
    return figures(
      members.map(({ call }) => call),
      members.map(({ result }) => result),
    );
  });
  const range = (pick: (f: { resolution: number; overall: number }) => number) =>
    `${fmt(Math.min(...perFold.map(pick)))}..${fmt(Math.max(...perFold.map(pick)))}`;

  const lastCustomerThanks = calls.map((call) =>
    REFERENCE_RULE.test(call.turns.findLast((turn) => turn.role === 'customer')?.text ?? '') ? 1 : 0,
  );
  const reference = {
    resolution: spearman(
      lastCustomerThanks,
      calls.map((c) => c.accomplished),
    ),
    overall: spearman(
      lastCustomerThanks,
      calls.map((c) => c.satisfied),
    ),
  };

  const width = 64;
  console.log(`${pad('Spearman', width)}resolution~A  overall~S`);
  const line = (label: string, f: { resolution: number; overall: number }) =>
    console.log(`${pad(label, width)}${pad(fmt(f.resolution), 14)}${fmt(f.overall)}`);
  line('embedded scorer, as shipped (close model fit on this folder)', full);
  line(`embedded scorer, ${FOLDS}-fold cross-validated (held-out folds)`, cross);
  console.log(
    `${pad(`  each held-out fold alone (~${Math.round(calls.length / FOLDS)} calls), lowest..highest`, width)}${pad(
      range((f) => f.resolution),
      14,
    )}${range((f) => f.overall)}`,
  );
  line('reference rule (customer’s last turn says thanks/ok/…)', reference);
  const met = (f: { resolution: number; overall: number }) => f.resolution >= GOAL && f.overall >= GOAL;
  console.log(
    `\nGoal ≥ ${GOAL.toFixed(2)} on both: ${met(full) ? 'met' : 'NOT met'} as shipped, ${met(cross) ? 'met' : 'NOT met'} cross-validated.`,
  );
  console.log(`Test-retest: ${identical} of ${calls.length} calls scored identically twice.`);

  console.log('\nPer criterion (as shipped), Spearman with A and with S:');
  for (const criterion of rubric.criteria) {
    const scores = shipped.map((r) => criterionScore(r, criterion.key));
    console.log(
      `  ${pad(criterion.key, 22)}A ${fmt(
        spearman(
          scores,
          calls.map((c) => c.accomplished),
        ),
      )}   S ${fmt(
        spearman(
          scores,
          calls.map((c) => c.satisfied),
        ),
      )}`,
    );
  }
  console.log('\nBeside the baselines (as shipped):');
  measureHeader();
  const words = calls.map((call) => agentWords(call.turns));
  const lexicon = calls.map((call) => lexiconWords(call.turns));
  const rated = { A: calls.map((c) => c.accomplished), S: calls.map((c) => c.satisfied) };
  measureLine('  resolution ~ A', full.resolution, spearman(words, rated.A), spearman(lexicon, rated.A));
  measureLine('  overall ~ S', full.overall, spearman(words, rated.S), spearman(lexicon, rated.S));
  measureLine(
    '  empathy ~ S',
    spearman(
      shipped.map((r) => criterionScore(r, EMPATHY)),
      rated.S,
    ),
    spearman(words, rated.S),
    spearman(lexicon, rated.S),
  );
  if (fit) {
    const weights = fitCloseWeights(calls);
    console.log('\nClose model fitted on the whole folder (for src/scoring/embedded/customer-close-weights.ts):');
    console.log(`  intercept: ${weights.intercept.toFixed(3)},`);
    console.log(`  weights: { ${CLOSE_FEATURES.map((feature) => `${feature}: ${weights.weights[feature].toFixed(3)}`).join(', ')} },`);
  }
};

/** Set 2: chats with people telling a chatbot about an emotional experience, empathy rated by them and by observers. */
const duo = async (): Promise<void> => {
  const chats = await loadDuoChats(duoFolder);
  if (chats === null) {
    console.log(
      `\nDUO skipped: no chats at ${duoFolder} (clone ikuminumaya/duo-dataset and pass --duo <clone>/ed/en, or set FLOORREADY_DUO_DATA).`,
    );
    return;
  }
  console.log(`\nEmpathy on ${chats.length} chats in ${duoFolder}`);
  console.log(
    "(DUO, EmpatheticDialogues setting, ikuminumaya/duo-dataset, SIGDIAL 2025, CC BY-NC 4.0; the person rated the bot's empathy 1-5,",
  );
  console.log(' and three observers did for some chats. Half the chats, by a hash of their id, were held out from development.)');
  const scorer = createEmbeddedScorer({ now: () => 0 });
  const scored = await Promise.all(
    chats.map((chat) => scorer.score({ turns: chat.turns, rubric, callType: null, callTypes, maskNames: [] })),
  );
  const empathy = scored.map((result) => criterionScore(result, EMPATHY));
  const again = await Promise.all(
    chats.map((chat) => scorer.score({ turns: chat.turns, rubric, callType: null, callTypes, maskNames: [] })),
  );
  const identical = scored.filter((result, i) => JSON.stringify(result) === JSON.stringify(again[i])).length;
  const heldOut = (chat: EmpathyRatedChat): boolean => hashSeed(chat.id) % 2 === 1;
  measureHeader();
  for (const [name, keep] of [
    ['tuning half', (chat: EmpathyRatedChat) => !heldOut(chat)],
    ['held-out half', heldOut],
    ['all', () => true],
  ] as const) {
    const own = chats.map((chat, i) => ({ chat, i })).filter(({ chat }) => keep(chat));
    const observed = own.filter(({ chat }) => chat.observerRating !== null);
    for (const [measure, members, rating] of [
      ['own rating', own, (chat: EmpathyRatedChat) => chat.ownRating],
      ['observers', observed, (chat: EmpathyRatedChat) => chat.observerRating ?? 0],
    ] as const) {
      const target = members.map(({ chat }) => rating(chat));
      measureLine(
        `  empathy ~ ${measure}, ${name} (${members.length})`,
        spearman(
          members.map(({ i }) => empathy[i]!),
          target,
        ),
        spearman(
          members.map(({ chat }) => agentWords(chat.turns)),
          target,
        ),
        spearman(
          members.map(({ chat }) => lexiconWords(chat.turns)),
          target,
        ),
      );
    }
  }
  console.log(`Test-retest: ${identical} of ${chats.length} chats scored identically twice.`);
};

/** Set 3: the paired calls and the issue's example, in the order a trained evaluator would put them. */
const pairedCalls = async (): Promise<void> => {
  const scorer = createEmbeddedScorer({ now: () => 0 });
  const score = (turns: Turn[]) => scorer.score({ turns, rubric, callType: 'billing_dispute', callTypes, maskNames: [] });
  const named = [
    ['real empathy with a fix', genuine],
    ['quiet competence', quietCompetence],
    ['stock phrases with blame', stockPhrases],
    ['cold', cold],
  ] as const;
  const results = await Promise.all(named.map(([, turns]) => score([...turns])));
  console.log(
    '\nPaired calls (test/scoring/fixtures/paired-calls.ts), expected order: real empathy > quiet competence > stock phrases with blame; cold below empathetic',
  );
  named.forEach(([name], i) =>
    console.log(`  ${pad(name, 28)}overall ${pad(String(results[i]!.overall), 6)}empathy ${criterionScore(results[i]!, EMPATHY)}`),
  );
  const [real, quiet, stock, cool] = results.map((result) => result.overall ?? 0) as [number, number, number, number];
  const [realEmpathy, , , coldEmpathy] = results.map((result) => criterionScore(result, EMPATHY)) as [number, number, number, number];
  console.log(`  order held: ${real > quiet && quiet > stock && cool < real && coldEmpathy < realEmpathy ? 'yes' : 'NO'}`);
  const cat = async (agent: string) =>
    criterionScore(
      await score([
        { role: 'customer', text: catCustomer },
        { role: 'agent', text: agent },
      ]),
      EMPATHY,
    );
  const [sympathy, rule] = [await cat(catSympathy), await cat(catRule)];
  console.log(
    `  the issue's cat example, empathy: sympathy ${sympathy}, "${catRule}" ${rule} (${sympathy > rule ? 'sympathy higher' : 'NOT higher'})`,
  );
};

await main();
await duo();
await pairedCalls();
