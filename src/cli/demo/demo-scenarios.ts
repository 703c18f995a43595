import type { Frustration } from '../../domain/types.ts';

// The behaviour building blocks of the demo's calls: realistic contact-centre lines, each written so the
// embedded offline scorer reads the behaviour it stands for (and only that one). The customer's words
// carry the frustration cues; the agent's lines either show a trained behaviour or miss it.

export interface CallDetails {
  account: string;
  /**
   * The web ticket the customer quotes: not personal data, so it survives redaction and no two calls of
   * an agent are word for word the same once redacted (the duplicate check hashes the redacted turns).
   */
  ticket: string;
  amount: string;
  reference: string;
  email: string;
  card: string;
  phone: string;
}

export interface Scenario {
  key: string;
  /** What the call is about, for the summary. */
  title: string;
  callTypes: readonly string[];
  /** The customer's first words, by how frustrated they are (escalations are always high). */
  opening: Record<Frustration, string>;
  /** The agent restating the problem before acting (active listening). */
  paraphrase: string;
  /** A completed action with a concrete amount, reference or date. */
  resolved: (details: CallDetails) => string;
  /** No resolution: [vague or defeatist, an action with no result]. */
  unresolved: readonly [vague: string, noResult: string];
  /** What the agent did, for the recap at the close. */
  recap: (details: CallDetails, resolved: boolean) => string;
  /** A follow-up question and a plain answer (no next steps, dates or goodbyes in it). */
  followUp: readonly [customer: string, agent: string];
  /** Whether the customer reads out a card number while verifying. */
  card: boolean;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    key: 'double-charge',
    title: 'billing double charge',
    callTypes: ['billing_dispute', 'basic_inbound'],
    opening: {
      none: "Hi, I've been charged twice for the same order and wanted to check why.",
      mild: "Hi, I've been charged twice for the same order and it's really frustrating.",
      high: "I've been charged TWICE for the same order. This is ridiculous!",
    },
    paraphrase: 'Just to confirm, you were charged twice for the same order, is that right?',
    resolved: (d) => `I've refunded the duplicate charge of ${d.amount}, and your reference number is ${d.reference}.`,
    unresolved: ["I've flagged it, and someone will get back to you about it.", "I've passed the details to the billing team."],
    recap: (d, resolved) =>
      resolved ? `I've refunded ${d.amount} under reference ${d.reference}` : "we've gone through the duplicate payment",
    followUp: ['And will this happen again next month?', "It shouldn't; the duplicate came from a payment retry on our side."],
    card: true,
  },
  {
    key: 'late-fee',
    title: 'late fee dispute',
    callTypes: ['billing_dispute'],
    opening: {
      none: "Hi, there's a late fee on my bill, but I think I paid on time.",
      mild: "Hi, there's a late fee on my bill even though I paid on time, and I'm quite annoyed.",
      high: "You've put a late fee on my bill AGAIN when I paid on time! This is outrageous.",
    },
    paraphrase: 'Just to confirm, a late fee was added even though you paid on time, is that right?',
    resolved: (d) => `I've waived the late fee of ${d.amount}, and your confirmation number is ${d.reference}.`,
    unresolved: ['It might be able to come off if you call back later.', "I've passed it to the billing team."],
    recap: (d, resolved) =>
      resolved ? `I've waived the ${d.amount} fee under confirmation ${d.reference}` : "we've gone through the fee on your bill",
    followUp: ['Will it affect my credit score?', "No, that's handled separately by the bureau."],
    card: true,
  },
  {
    key: 'password-reset',
    title: 'password reset',
    callTypes: ['basic_inbound'],
    opening: {
      none: "Hi, I'm locked out of my account and my password isn't working.",
      mild: "I'm locked out of my account and I need it for work, so I'm a bit worried.",
      high: "I've been locked out of my account for days!! This is the third time I'm calling about it.",
    },
    paraphrase: "Just to confirm, you're locked out of your account, is that right?",
    resolved: () => "I've reset your password and sent a secure link to the email on file; it expires in 24 hours.",
    unresolved: ["I'm not sure why it keeps locking, maybe try again later.", "I've passed this on to the IT team."],
    recap: (_d, resolved) => (resolved ? "I've reset your password and sent the link" : "we've looked at the lockout"),
    followUp: ['How do I stop this happening again?', 'A longer passphrase usually helps with the lockouts.'],
    card: false,
  },
  {
    key: 'late-delivery',
    title: 'late delivery',
    callTypes: ['basic_inbound'],
    opening: {
      none: "Hi, my order was due last week and it hasn't arrived yet.",
      mild: "My order was due last week and it hasn't arrived, so I'm getting concerned.",
      high: "My order was due last week, it hasn't arrived, and nobody answers my emails. This is unacceptable!",
    },
    paraphrase: "Just to confirm, your order was due last week and hasn't arrived, is that right?",
    resolved: (d) =>
      `I've arranged a replacement by express courier; your tracking number is ${d.reference} and it will arrive by Thursday.`,
    unresolved: ['The courier might be able to find it, hopefully soon.', "I've passed this to the warehouse team."],
    recap: (d, resolved) =>
      resolved ? `I've arranged the replacement under tracking ${d.reference}` : "we've gone through the missing parcel",
    followUp: ["Can I change the delivery address while I'm at it?", "Yes, that's done through your online profile."],
    card: false,
  },
  {
    key: 'outage-supervisor',
    title: 'angry escalation asking for a supervisor',
    callTypes: ['escalation'],
    opening: {
      none: "This is the fourth time I've called about my internet dropping out and I'm fed up!",
      mild: "This is the fourth time I've called about my internet dropping out and I'm fed up!",
      high: "This is the fourth time I've called about my internet dropping out and I'm fed up!",
    },
    paraphrase: "Just to confirm, your internet keeps dropping out and you've called about it four times, is that right?",
    resolved: (d) =>
      `I've booked an engineer for Thursday morning and credited ${d.amount} to your account; the case number is ${d.reference}.`,
    unresolved: ['Someone will look into it, maybe this week.', "I've logged the fault with the network team."],
    recap: (d, resolved) =>
      resolved ? `I've booked the engineer and credited ${d.amount} under case ${d.reference}` : "we've gone through the dropouts",
    followUp: ["And what about the days I've already lost?", 'That goes through the billing side.'],
    card: false,
  },
  {
    key: 'cancel-threat',
    title: 'cancellation threat',
    callTypes: ['escalation'],
    opening: {
      none: 'Your service is useless and I want to cancel my contract! Get me a manager.',
      mild: 'Your service is useless and I want to cancel my contract! Get me a manager.',
      high: 'Your service is useless and I want to cancel my contract! Get me a manager.',
    },
    paraphrase: "Just to confirm, you want to cancel your contract because the service hasn't worked, is that right?",
    resolved: (d) =>
      `I've applied a ${d.amount} credit for the outage and booked a technician for Friday; your case number is ${d.reference}.`,
    unresolved: ["I'm not sure, maybe the retention team can help.", "I've noted your request on the account."],
    recap: (d, resolved) =>
      resolved
        ? `I've applied the ${d.amount} credit and booked the technician under case ${d.reference}`
        : "we've gone through the contract",
    followUp: ['Does the contract still run to March?', 'It does, with the same monthly price.'],
    card: true,
  },
];

/** Acknowledging the customer's feelings before solving (empathy), by frustration. */
export const ACKNOWLEDGEMENTS: Record<Frustration, readonly string[]> = {
  none: ["I can imagine that's a real hassle.", 'That must be confusing to see.', 'I can see why that would be concerning.'],
  mild: [
    'I can hear how frustrating this has been for you.',
    "I'm sorry, that sounds really stressful.",
    'I completely understand how annoying that must be.',
  ],
  high: [
    "I'm so sorry, I can hear how frustrating this has been for you.",
    "You're right to be upset, and I'm sorry you've had to go through this.",
    'I can only imagine how exhausting it is to be dealing with this again.',
  ],
};

/** A stock apology, said only after moving to the solution. */
export const STOCK_APOLOGY = 'Sorry for the inconvenience.';

/** The customer pushing for speed mid-call, and the agent reflecting it back (active listening). */
export const PRESSURE: Record<Frustration, readonly [customer: string, reflection: string]> = {
  none: ['Okay. I just need this sorted before the weekend.', "So what I'm hearing is you need this sorted before the weekend."],
  mild: [
    'How long will the fix take? I have a meeting soon.',
    "So what I'm hearing is you have a meeting soon, so I'll keep this quick and not too long.",
  ],
  high: [
    'This is a waste of my time! Put me through to a supervisor.',
    "So what I'm hearing is your time has been wasted and you want a supervisor.",
  ],
};

/** Holding a courteous tone under pressure, or slipping into blame. */
export const TONE: Record<Frustration, readonly [held: string, slipped: string]> = {
  none: ["Of course, I'm happy to help with that.", "As I said, I'm looking. You should have used the online form."],
  mild: [
    'Of course, I appreciate you bearing with me while I sort this out.',
    "As I said, I'm looking. You should have used the online form.",
  ],
  high: ["I appreciate your patience, and I'll stay with you until this is sorted.", 'As I already said, you need to listen. Calm down.'],
};

/** The customer's reply to the agent's tone. */
export const TONE_REPLY: Record<Frustration, readonly [afterHeld: string, afterSlipped: string]> = {
  none: ['Great, thanks.', 'Wow. Okay.'],
  mild: ['Okay, thank you.', 'Wow. Okay.'],
  high: ['Fine. Go on then.', 'Unbelievable. Just fix it.'],
};
