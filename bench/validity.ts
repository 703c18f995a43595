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

const GOAL = 0.45;
const FOLDS = 5;
/** Ridge penalty on the standardised close features: mild shrinkage, fixed before looking at the figures. */
const LAMBDA = 10;
const REFERENCE_RULE = /\b(thanks?|thank you|solved|ok|okay|great|works?)\b/i;

const args = process.argv.slice(2);
const fit = args.includes('--fit');
const folder = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? process.env.FLOORREADY_VALIDITY_DATA ?? '../shared/data/stc3-dev');

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
  return { intercept: fitted.intercept, weights: Object.fromEntries(CLOSE_FEATURES.map((feature, j) => [feature, fitted.weights[j]!])) as CloseWeights['weights'] };
};

const scoreAll = async (calls: readonly RatedCall[], closeWeights?: CloseWeights): Promise<ScoreResult[]> => {
  const scorer = createEmbeddedScorer({ now: () => 0, ...(closeWeights ? { closeWeights } : {}) });
  return Promise.all(calls.map((call) => scorer.score({ turns: call.turns, rubric, callType: 'basic_inbound', callTypes, maskNames: [] })));
};

const criterionScore = (result: ScoreResult, key: string): number => result.criteria.find((c) => c.key === key)?.score ?? 50;

const figures = (calls: readonly RatedCall[], results: readonly ScoreResult[]) => ({
  resolution: spearman(results.map((r) => criterionScore(r, RESOLUTION)), calls.map((c) => c.accomplished)),
  overall: spearman(results.map((r) => r.overall ?? 50), calls.map((c) => c.satisfied)),
});

const main = async (): Promise<void> => {
  if (!existsSync(folder)) {
    console.log(`bench:validity skipped: no rated dialogues at ${folder}.`);
    console.log('Pass the folder (npm run bench:validity -- <folder>) or set FLOORREADY_VALIDITY_DATA; it needs human.csv and calls/*.json (see the README).');
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
    const results = await scoreAll(test.map(({ call }) => call), weights);
    test.forEach(({ i }, j) => {
      heldOut[i] = results[j]!;
    });
  }
  const cross = figures(calls, heldOut);
  const perFold = Array.from({ length: FOLDS }, (_, k) => {
    const members = calls.map((call, i) => ({ call, result: heldOut[i]! })).filter(({ call }) => fold(call) === k);
    return figures(members.map(({ call }) => call), members.map(({ result }) => result));
  });
  const range = (pick: (f: { resolution: number; overall: number }) => number) =>
    `${fmt(Math.min(...perFold.map(pick)))}..${fmt(Math.max(...perFold.map(pick)))}`;

  const lastCustomerThanks = calls.map((call) => (REFERENCE_RULE.test(call.turns.findLast((turn) => turn.role === 'customer')?.text ?? '') ? 1 : 0));
  const reference = {
    resolution: spearman(lastCustomerThanks, calls.map((c) => c.accomplished)),
    overall: spearman(lastCustomerThanks, calls.map((c) => c.satisfied)),
  };

  const width = 64;
  console.log(`${pad('Spearman', width)}resolution~A  overall~S`);
  const line = (label: string, f: { resolution: number; overall: number }) => console.log(`${pad(label, width)}${pad(fmt(f.resolution), 14)}${fmt(f.overall)}`);
  line('embedded scorer, as shipped (close model fit on this folder)', full);
  line(`embedded scorer, ${FOLDS}-fold cross-validated (held-out folds)`, cross);
  console.log(`${pad(`  each held-out fold alone (~${Math.round(calls.length / FOLDS)} calls), lowest..highest`, width)}${pad(range((f) => f.resolution), 14)}${range((f) => f.overall)}`);
  line('reference rule (customer’s last turn says thanks/ok/…)', reference);
  const met = (f: { resolution: number; overall: number }) => f.resolution >= GOAL && f.overall >= GOAL;
  console.log(`\nGoal ≥ ${GOAL.toFixed(2)} on both: ${met(full) ? 'met' : 'NOT met'} as shipped, ${met(cross) ? 'met' : 'NOT met'} cross-validated.`);
  console.log(`Test-retest: ${identical} of ${calls.length} calls scored identically twice.`);

  console.log('\nPer criterion (as shipped), Spearman with A and with S:');
  for (const criterion of rubric.criteria) {
    const scores = shipped.map((r) => criterionScore(r, criterion.key));
    console.log(`  ${pad(criterion.key, 22)}A ${fmt(spearman(scores, calls.map((c) => c.accomplished)))}   S ${fmt(spearman(scores, calls.map((c) => c.satisfied)))}`);
  }
  if (fit) {
    const weights = fitCloseWeights(calls);
    console.log('\nClose model fitted on the whole folder (for src/scoring/embedded/customer-close-weights.ts):');
    console.log(`  intercept: ${weights.intercept.toFixed(3)},`);
    console.log(`  weights: { ${CLOSE_FEATURES.map((feature) => `${feature}: ${weights.weights[feature].toFixed(3)}`).join(', ')} },`);
  }
};

await main();
