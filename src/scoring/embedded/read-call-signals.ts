import type { Turn } from '../../domain/types.ts';
import { type Acknowledgements, findAcknowledgements } from './find-acknowledgements.ts';
import { type Dismissals, findDismissals } from './find-dismissals.ts';
import { findOutcomes, type Outcomes } from './find-outcomes.ts';
import { type CloseWeights, type CustomerClose, readCustomerClose } from './read-customer-close.ts';
import { type EmotionReading, readEmotion } from './read-emotion.ts';
import { type FrustrationReading, readFrustration } from './read-frustration.ts';

/** Everything the judges read, computed once per call. */
export interface CallSignals {
  turns: readonly Turn[];
  /** Index of the customer's first turn (-1 when the customer never speaks). */
  firstCustomer: number;
  frustration: FrustrationReading;
  /** The customer's emotion cues over the whole call (sadness, worry, grief, disappointment, stress, anger). */
  emotion: EmotionReading;
  close: CustomerClose;
  acknowledgements: Acknowledgements;
  dismissals: Dismissals;
  outcomes: Outcomes;
}

export const readCallSignals = (turns: readonly Turn[], weights: CloseWeights): CallSignals => {
  const frustration = readFrustration(turns);
  return {
    turns,
    firstCustomer: turns.findIndex((turn) => turn.role === 'customer'),
    frustration,
    emotion: readEmotion(turns),
    close: readCustomerClose(turns, frustration, weights),
    acknowledgements: findAcknowledgements(turns),
    dismissals: findDismissals(turns),
    outcomes: findOutcomes(turns),
  };
};
