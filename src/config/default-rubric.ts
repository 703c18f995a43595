// The default rubric and call types: the seed method's criteria table (weights and "what it tests"),
// its empathy anchors verbatim, and anchors written in the same intent-based spirit for the others.
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
    levels: {
      '1': "No acknowledgment of the customer's emotional state: goes straight to process even when the customer is clearly upset, or dismisses the feeling.",
      '2': "A token or scripted acknowledgment that does not reflect what this customer said or felt, or one that comes only after problem-solving is well under way.",
      '3': "Acknowledges the customer's feeling in their own terms at least once, but late, or only once while frustration keeps showing.",
      '4': "Names or reflects the customer's emotional state before moving to resolution, in words that fit this customer's situation.",
      '5': "Names or reflects the emotional state before resolution and again whenever frustration resurfaces; the acknowledgment is specific to the customer's experience and visibly calms the call.",
    },
  },
  {
    key: 'active_listening',
    name: 'Active listening',
    weight: 20,
    description: 'Does the agent reflect back what the customer said before responding?',
    exemplary:
      "Agent restates or summarises the customer's issue in their own words and checks it is right before responding (for example 'So the charge appeared twice after you cancelled, is that right?'); follow-up questions build on what the customer already said, and the customer never has to repeat themselves.",
    deficient:
      'Agent responds without showing they took in what the customer said: asks again for information already given, answers a different question from the one asked, talks over the customer, or makes them repeat themselves.',
    levels: {
      '1': 'Ignores or talks over what the customer said; asks again for details already given, or answers a different question.',
      '2': "Hears the surface request but misses key details or the customer's actual concern; the customer has to repeat or correct the agent.",
      '3': 'Picks up the main issue and asks relevant questions, but does not reflect it back or confirm understanding before responding.',
      '4': "Reflects back the customer's issue in their own words before responding, and asks questions that build on what was said.",
      '5': 'Reflects back both the issue and the concern behind it, confirms understanding before acting, and uses details the customer mentioned in passing; the customer never repeats themselves.',
    },
  },
  {
    key: 'tone_consistency',
    name: 'Tone consistency',
    weight: 20,
    description: 'Does the agent maintain appropriate tone under escalating customer frustration?',
    exemplary:
      "Agent stays calm, courteous and steady as the customer's frustration rises: no defensiveness, sarcasm, blame or curtness, the same warmth from start to end, and the agent keeps ownership ('let me sort this out for you') rather than pushing back at the customer.",
    deficient:
      "Agent's tone slips when the customer pushes back: becomes curt, defensive, sarcastic, argumentative or blaming ('as I already told you'), or turns cold and mechanical as frustration rises.",
    levels: {
      '1': 'Tone breaks down under pressure: argues with, blames or talks down to the customer.',
      '2': 'Noticeably curt, defensive or cold once the customer pushes back, though not hostile.',
      '3': 'Generally polite, but strain shows under pressure (clipped answers, policy repeated at the customer, a defensive remark) and is not recovered.',
      '4': "Calm and courteous throughout, including as the customer's frustration rises; at most a brief slip that is quickly recovered.",
      '5': 'Steady, warm and in control throughout; the tone itself helps de-escalate the call, with no defensiveness at any point.',
    },
  },
  {
    key: 'problem_resolution',
    name: 'Problem resolution',
    weight: 20,
    description: 'Does the agent provide a clear, accurate resolution?',
    exemplary:
      'Agent identifies the real problem and gives an accurate resolution, or a correct route to one, explained plainly: what will happen, by when, and what (if anything) the customer needs to do; then checks the customer understands and accepts it.',
    deficient:
      'Agent leaves the problem unresolved with no path forward, gives inaccurate or contradictory information, or explains the outcome so vaguely that the customer cannot tell what will happen.',
    levels: {
      '1': 'No resolution or path forward, or the information given is wrong.',
      '2': 'A partial or unclear answer: the customer is left unsure what happens next, or the fix addresses a different problem.',
      '3': 'A workable resolution, but explained incompletely (timing, conditions or what the customer must do are missing).',
      '4': 'A clear, accurate resolution or a correct route to one, explained so the customer knows what will happen.',
      '5': 'A clear, accurate resolution of the underlying cause, explained plainly with timing and conditions, and confirmed with the customer.',
    },
  },
  {
    key: 'close_follow_through',
    name: 'Close and follow-through',
    weight: 15,
    description: 'Does the agent confirm next steps and end the call professionally?',
    exemplary:
      'Agent summarises what was agreed, confirms the next steps and who owns each (with any follow-up, reference number or timeframe), checks whether the customer needs anything else, and ends the call courteously.',
    deficient:
      'The call ends abruptly or without confirming next steps: no summary, no follow-up commitment or reference given, or the agent closes while the customer still has an open question.',
    levels: {
      '1': 'Abrupt or unprofessional ending; next steps not mentioned, or the customer is cut off with a question still open.',
      '2': 'Closes politely but without confirming next steps or what the customer should expect.',
      '3': 'Mentions next steps, but incompletely (no timeframe, owner or reference), or without checking for other needs.',
      '4': 'Confirms next steps with a timeframe or reference, checks for anything else, and ends courteously.',
      '5': 'Summarises what was agreed, confirms each next step with owner and timeframe, checks the customer has nothing else, and ends warmly and professionally.',
    },
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
