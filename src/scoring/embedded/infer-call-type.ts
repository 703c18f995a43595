import type { CallTypeDef, Turn } from '../../domain/types.ts';
import { contentStems } from './content-stems.ts';
import type { FrustrationReading } from './read-frustration.ts';

/**
 * The call type when none was given: an escalation type for a highly frustrated customer or one who asks
 * for a supervisor or complains; else the type whose key, name and description share most words with the call.
 */
export const inferCallType = (
  turns: readonly Turn[],
  callTypes: readonly CallTypeDef[],
  frustration: FrustrationReading,
): string | null => {
  if (callTypes.length === 0) return null;
  const escalation = callTypes.find((t) => /escalat|complain/i.test(`${t.key} ${t.name} ${t.description ?? ''}`));
  const asksEscalation = turns.some((turn) => turn.role === 'customer' && /\b(supervisor|manager|complaint|complain)\b/i.test(turn.text));
  if (escalation && (frustration.level === 'high' || asksEscalation)) return escalation.key;
  const words = contentStems(turns.map((turn) => turn.text).join(' '));
  let best = callTypes[0]!;
  let bestScore = 0;
  for (const callType of callTypes) {
    const score = [...contentStems(`${callType.key.replace(/[_-]/g, ' ')} ${callType.name} ${callType.description ?? ''}`)].filter((stem) =>
      words.has(stem),
    ).length;
    if (score > bestScore) [best, bestScore] = [callType, score];
  }
  return best.key;
};
