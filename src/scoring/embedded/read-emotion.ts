import type { Turn } from '../../domain/types.ts';
import { type Hit, quoteAt } from './find-hits.ts';

// The customer's emotional state over the whole call, not only anger: sadness and grief, worry and fear,
// disappointment and hurt, stress and exhaustion, as much as frustration. Hand-written word families
// (general English, nothing mined from a data set). VADER over the whole text was tried: it changed no
// figure and cost ten times the rest of the scorer, so it stays on the closing turn only (read-customer-close.ts).

const FAMILIES: Readonly<Record<string, RegExp>> = {
  anger:
    /\b(?:frustrat\w*|annoy\w*|angry|anger|furious|livid|mad at|pissed|irritat\w*|outrag\w*|ridiculous|unacceptable|fed up|sick of|hate|hated|hating|disgust\w*|unfair)\b/gi,
  sadness:
    /\b(?:sad|sadness|unhappy|depress\w*|miserable|heartbr\w*|broken.?hearted|crying|cried|cry|tears|devastat\w*|hopeless\w*|lonely|loneliness|alone|empty|grie\w*|mourn\w*|lost (?:my|our|her|his)|passed away|died|dead|death|funeral|miss (?:him|her|them|my)|suicid\w*|numb|despair\w*|worthless|down lately)\b/gi,
  fear: /\b(?:worr\w*|anxi\w*|afraid|scared|scary|fear\w*|terrif\w*|panic\w*|nervous|concern\w*|frighten\w*|dread\w*|insecur\w*|unsafe|desperate\w*)\b/gi,
  disappointment:
    /\b(?:disappoint\w*|let down|letdown|regret\w*|ashamed|embarrass\w*|guilt\w*|hurt|hurts|hurting|betray\w*|rejected|ignored|unwanted|failed me|gave up|give up)\b/gi,
  feeling:
    /\bi(?:'m| am)? (?:feel|felt|feeling|am feeling|'ve been feeling|have been feeling)\b|\bmy (?:feelings|heart|mental health|anxiety|depression)\b/gi,
  stress:
    /\b(?:stress\w*|overwhelm\w*|exhaust\w*|tired of|burn(?:ed|t)? out|burnout|struggl\w*|can't cope|cannot cope|can't take|at my wits|nightmare|desperate|hard time|difficult time|rough (?:time|day|week)|suffer\w*|pain|painful)\b/gi,
};
export type EmotionFamily = keyof typeof FAMILIES;

export interface EmotionReading {
  /** The families with a cue in the customer's words. */
  families: string[];
  /** Cues over the call (each the customer's sentence; never evidence for an agent behaviour). */
  cues: Hit[];
  /** Whether the customer shows any emotion (a family cue). */
  present: boolean;
}

/** The customer's emotion cues over every customer turn (sadness, worry, grief, disappointment, stress and anger alike). */
export const readEmotion = (turns: readonly Turn[]): EmotionReading => {
  const families = new Set<string>();
  const cues: Hit[] = [];
  turns.forEach((turn, index) => {
    if (turn.role !== 'customer') return;
    for (const [family, pattern] of Object.entries(FAMILIES)) {
      pattern.lastIndex = 0;
      const match = pattern.exec(turn.text);
      if (match === null) continue;
      families.add(family);
      if (cues.length < 3) cues.push({ turn: index, pos: match.index, quote: quoteAt(turn.text, match.index) });
    }
  });
  return { families: [...families].sort(), cues, present: families.size > 0 };
};
