/**
 * Redaction alone: how many call transcripts per second one core redacts, on transcripts shaped like
 * real ones (30 turns, a few with card, phone, email, spoken numbers and decoys, most with none).
 *
 *   npx tsx bench/redaction.ts [calls]
 */
import type { Turn } from '../src/domain/types.ts';
import { redactTurns } from '../src/ingest/redact-pii.ts';

const PLAIN = [
  'Thanks for calling Northside, this is Sarah. How can I help today?',
  "Hi, I've been charged twice for my order and nobody called me back, it's really frustrating.",
  "I'm so sorry about that, I can see how annoying that must be. Let me have a look for you.",
  'Okay, thank you. It was last Tuesday, about half past ten in the morning.',
  "I can see the two charges of $49.99 on the 3rd. I'll refund the duplicate now.",
  'Great. How long will that take to show up?',
  'It should be back on your account in three to five working days.',
  'Is there anything else I can help with today?',
];
const PII = [
  'Sure, my name is Jane Doe and my card is four one one one, one one one one, one one one one, one one one one.',
  "It's 4000 0566 5566 5556, expiry 04/27, security code two one nine.",
  'You can reach me on 07700 900123 or jane.doe@example.com, my postcode is SW1A 1AA.',
  'My order number is 4111 1111 1111 1111 and the reference is AB-12345.',
  'My date of birth is the twelfth of March nineteen eighty five.',
];

const buildCall = (seed: number): Turn[] =>
  Array.from({ length: 30 }, (_, index): Turn => {
    const useful = (seed + index) % 10 === 0;
    const text = useful ? (PII[(seed + index) % PII.length] as string) : (PLAIN[(seed * 7 + index) % PLAIN.length] as string);
    return { role: index % 2 === 0 ? 'agent' : 'customer', text };
  });

const count = Number(process.argv[2] ?? 1000);
const calls = Array.from({ length: count }, (_, seed) => buildCall(seed));
for (const call of calls.slice(0, 50)) redactTurns(call); // warm-up
const started = performance.now();
const cpuBefore = process.cpuUsage();
let values = 0;
for (const call of calls) {
  const { counts } = redactTurns(call, { names: ['Jane Doe'] });
  values += Object.values(counts).reduce((sum, n) => sum + n, 0);
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const characters = calls.reduce((sum, call) => sum + call.reduce((total, turn) => total + turn.text.length, 0), 0);
console.log(
  `redaction alone: ${count} transcripts of 30 turns (${Math.round(characters / count)} characters each), ${values} values replaced`,
);
// CPU time, not wall time: on a shared machine the wall clock counts other people's work too.
console.log(
  `  ${(count / cpuSeconds).toFixed(0)} transcripts per CPU second on one core (${((cpuSeconds * 1000) / count).toFixed(2)} ms each); wall clock ${(count / seconds).toFixed(0)}/s`,
);
console.log('  goal for parse + redact + store (npm run bench:import): ≥ 200 transcripts/s');
