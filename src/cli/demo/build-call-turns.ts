import type { Frustration, Role } from '../../domain/types.ts';
import type { Rng } from './create-rng.ts';
import { ACKNOWLEDGEMENTS, PRESSURE, STOCK_APOLOGY, TONE, TONE_REPLY, type CallDetails, type Scenario } from './demo-scenarios.ts';

/** The trained behaviours a call shows or misses. */
export interface Behaviours {
  /** Acknowledges the customer's feelings before solving. */
  empathy: boolean;
  /** Reflects back what the customer said. */
  listening: boolean;
  /** Holds a courteous tone under pressure. */
  tone: boolean;
  /** A concrete resolution: a completed action with an amount, reference or date. */
  resolution: boolean;
  /** Recap, next steps with a timeframe, "anything else", goodbye. */
  close: boolean;
}

/** How an agent misses empathy: no acknowledgement at all, or a stock apology after solving. */
export type EmpathyMiss = 'none' | 'stock';

export interface ScriptedTurn {
  role: Role;
  text: string;
}

export interface CallScript {
  scenario: Scenario;
  frustration: Frustration;
  behaviours: Behaviours;
  empathyMiss: EmpathyMiss;
  /** Which of the scenario's unresolved lines a missed resolution uses (0: vague, 1: an action with no result). */
  unresolvedLine: 0 | 1;
  details: CallDetails;
  agentFirstName: string;
}

/**
 * The turns of one call: greeting, the customer's problem, verification (with PII), pressure, the
 * resolution, a follow-up question and the close. Each behaviour lives in its own line(s), so showing
 * or missing one leaves the others as they are.
 */
export const buildCallTurns = (script: CallScript, rng: Rng): ScriptedTurn[] => {
  const { scenario, frustration, behaviours, empathyMiss, details } = script;
  const agent = (...parts: (string | false)[]): ScriptedTurn => ({ role: 'agent', text: parts.filter(Boolean).join(' ') });
  const customer = (text: string): ScriptedTurn => ({ role: 'customer', text });
  const [pressure, reflection] = PRESSURE[frustration];
  const [held, slipped] = TONE[frustration];
  const [afterHeld, afterSlipped] = TONE_REPLY[frustration];
  const [followUpQuestion, followUpAnswer] = scenario.followUp;
  // The customer's last words follow the outcome, not the agent's close: satisfied when it was resolved.
  const lastWords = behaviours.resolution ? "No, that's everything, thanks." : "Right. I'll wait to hear, then.";
  const verification = [
    `Sure, it's ${details.email}, account number ${details.account}, web ticket ${details.ticket}.`,
    scenario.card ? `The card I used is ${details.card}.` : '',
    rng.next() < 0.6 ? `You can reach me on ${details.phone}.` : '',
  ].filter(Boolean);

  const turns: ScriptedTurn[] = [
    agent(`Thank you for calling Northside Support, this is ${script.agentFirstName}. How can I help?`),
    customer(scenario.opening[frustration]),
    agent(
      behaviours.empathy && rng.pick(ACKNOWLEDGEMENTS[frustration]),
      behaviours.listening && scenario.paraphrase,
      'Let me pull up the account. Could I have the email on it, please?',
    ),
    customer(verification.join(' ')),
    agent('Thanks.', !behaviours.empathy && empathyMiss === 'stock' && STOCK_APOLOGY, 'One moment while I look.'),
    customer(pressure),
    agent(behaviours.listening && reflection, behaviours.tone ? held : slipped),
    customer(behaviours.tone ? afterHeld : afterSlipped),
    agent(
      behaviours.tone && 'Thanks for waiting.',
      behaviours.resolution ? scenario.resolved(details) : scenario.unresolved[script.unresolvedLine],
    ),
    customer(followUpQuestion),
    agent(followUpAnswer),
    customer('Okay, that makes sense.'),
  ];
  if (behaviours.close) {
    turns.push(
      agent(
        `To recap, ${scenario.recap(details, behaviours.resolution)}, and you'll receive a confirmation email within 2 hours.`,
        'Is there anything else I can help with?',
      ),
      customer(lastWords),
      agent('Thank you for calling, have a great day.'),
    );
  } else {
    turns.push(agent('Alright.'), customer(lastWords), agent('Yep. Bye.'));
  }
  return turns;
};
