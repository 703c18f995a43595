// The default rubric and call types: the seed method's criteria table (weights and "what it tests"),
// its empathy anchors verbatim, and exemplary/deficient anchors written in the same intent-based spirit for
// the others. Like the seed, the default anchors the two ends of the scale only and keeps them terse: they
// are in every scoring request (docs/decisions/0007-terse-default-anchors.md). Levels 2–4 are optional.
// floorready.config.example.yml carries the same text; a test keeps the two identical.

export const DEFAULT_CRITERIA = [
  {
    key: 'empathy',
    name: 'Empathy expression',
    weight: 25,
    description: "Does the agent acknowledge the customer's emotional state before problem-solving?",
    exemplary:
      "Agent explicitly names or reflects the customer's emotional state before moving to resolution. Language examples: 'I understand this has been frustrating,' 'I can see why that would be concerning,' or equivalent statements that acknowledge the customer's experience.",
    deficient:
      "Agent moves directly to resolution without any acknowledgment of the customer's emotional state, even when frustration signals are present in the customer's language.",
  },
  {
    key: 'active_listening',
    name: 'Active listening',
    weight: 20,
    description: 'Does the agent reflect back what the customer said before responding?',
    exemplary: "Restates the customer's issue in their own words and checks it before responding.",
    deficient: 'Shows no uptake: asks again for details already given, or answers a different question.',
  },
  {
    key: 'tone_consistency',
    name: 'Tone consistency',
    weight: 20,
    description: 'Does the agent maintain appropriate tone under escalating customer frustration?',
    exemplary: 'Calm, courteous and warm as frustration rises; never defensive, curt or blaming.',
    deficient: 'Turns curt, defensive, sarcastic, blaming or cold when the customer pushes back.',
  },
  {
    key: 'problem_resolution',
    name: 'Problem resolution',
    weight: 20,
    description: 'Does the agent provide a clear, accurate resolution?',
    exemplary: 'An accurate resolution or route to one: what happens, by when, what the customer must do.',
    deficient: 'Unresolved with no path forward, or wrong or vague information.',
  },
  {
    key: 'close_follow_through',
    name: 'Close and follow-through',
    weight: 15,
    description: 'Does the agent confirm next steps and end the call professionally?',
    exemplary: 'Recaps, confirms next steps with a timeframe or reference, checks for anything else, ends courteously.',
    deficient: 'Ends abruptly, without next steps, or with a question still open.',
  },
] as const;

export const DEFAULT_CALL_TYPES = [
  {
    key: 'basic_inbound',
    name: 'Basic inbound',
    description: 'Routine questions and requests from a calm customer: account details, order status, how-to.',
  },
  {
    key: 'escalation',
    name: 'Escalation',
    description: 'A frustrated or angry customer, a complaint, or a request to speak to a supervisor.',
  },
  {
    key: 'billing_dispute',
    name: 'Billing dispute',
    description: 'The customer disputes a charge, a refund or an invoice amount.',
  },
] as const;
