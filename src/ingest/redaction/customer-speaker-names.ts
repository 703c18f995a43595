import type { Role } from '../../domain/types.ts';

/** Speaker labels that say a role or a number, not who someone is. */
const NOT_A_NAME =
  /^(?:customer|caller|client|member|guest|user|speaker|spk|participant|unknown|agent|rep|representative|advisor|adviser|associate|support|csr|person|voice|channel|external|internal|inbound|outbound|me|them|you)$/i;

/**
 * The names the customer's speaker labels give ("Jane Doe" in `Jane Doe: …`): labels of customer turns
 * made of one to four words of letters, none a role word ("Customer", "Speaker 2", "spk_1" are not names).
 */
export const customerSpeakerNames = (turns: readonly { speaker: string | null; role: Role }[]): string[] => {
  const names = new Set<string>();
  for (const turn of turns) {
    if (turn.role !== 'customer' || !turn.speaker) continue;
    const label = turn.speaker
      .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    const words = label.split(' ');
    if (words.length === 0 || words.length > 4 || !words.every((word) => /^\p{L}[\p{L}'’.-]*$/u.test(word))) continue;
    if (words.some((word) => NOT_A_NAME.test(word))) continue;
    names.add(label);
  }
  return [...names];
};
