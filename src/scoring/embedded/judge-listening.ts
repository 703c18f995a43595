import { contentStems } from './content-stems.ts';
import { agentTurnAfter, findHits, type Hit, questionsIn, quoteAt, uniqueHits, wholeTurn } from './find-hits.ts';
import { clampLevel, customerEffect, effectNote, type Judgement } from './judgement.ts';
import type { CallSignals } from './read-call-signals.ts';

const PARAPHRASE =
  /\b(so what i(?:'m| am) hearing|what i(?:'m| am) hearing is|just to confirm|to confirm|just so i(?:'m| am) clear|you mentioned|you said|you(?:'ve| have) (?:said|mentioned|told me)|if i understand(?: you)? correctly|if i(?:'ve| have) understood|so you(?:'re| are) saying|so it sounds like|it sounds like you|let me make sure i|to make sure i understand|let me repeat that|so your\b[^.?!]{0,80}\?|so you\b[^.?!]{0,80}\?)/gi;
const CLOSING_QUESTION = /\b(anything else|something else|any other|how (?:can|may) i help)\b/i;
/** The customer having to repeat themselves or correct the agent: the agent did not take it in. */
const REPEATING =
  /\b(?:as i (?:already )?(?:said|told you|mentioned|explained)|like i (?:said|told you)|i (?:already|just) (?:told|said|gave|explained|sent|provided|mentioned)|i(?:'ve| have) already (?:told|said|given|explained|sent|provided)|you didn't (?:read|listen|answer)|that's not what i (?:asked|said|meant)|i didn't say|you (?:keep|are) asking (?:me )?(?:the same|again))\b/i;

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/**
 * Active listening: paraphrases and confirmations, replies that take up the customer's specifics, and
 * clarifying questions count for; curt replies to long customer turns, and the customer having to repeat
 * themselves, count against. The customer's side moves the level by one (satisfied up, dissatisfied down).
 */
export const judgeListening = ({ turns, firstCustomer, close }: CallSignals): Judgement => {
  const after = (turn: number) => turn > firstCustomer;
  const paraphrases = findHits(turns, 'agent', PARAPHRASE, after);
  const paraphraseTurns = new Set(paraphrases.map((hit) => hit.turn)).size;
  const reflections: Hit[] = [];
  const questions: Hit[] = [];
  const curt: Hit[] = [];
  const missed: Hit[] = [];
  turns.forEach((turn, index) => {
    if (turn.role !== 'customer') return;
    const reply = turns.findIndex((next, j) => j > index && next.role === 'agent');
    const agentTurn = turns[reply];
    if (index > firstCustomer && REPEATING.test(turn.text)) {
      const previous = turns.findLastIndex((earlier, j) => j < index && earlier.role === 'agent');
      if (previous >= 0) missed.push(wholeTurn(turns, previous));
    }
    if (agentTurn === undefined) return;
    const replyStems = contentStems(agentTurn.text);
    const shared = [...contentStems(turn.text)].filter((stem) => replyStems.has(stem));
    if (shared.length >= 2) {
      const at = Math.max(0, Math.min(...shared.map((stem) => agentTurn.text.toLowerCase().indexOf(stem)).filter((i) => i >= 0)));
      reflections.push({ turn: reply, pos: at, quote: quoteAt(agentTurn.text, at) });
    }
    if (words(turn.text) >= 12 && words(agentTurn.text) <= 3 && !agentTurn.text.includes('?')) curt.push(wholeTurn(turns, reply));
  });
  turns.forEach((turn, index) => {
    if (turn.role !== 'agent' || !after(index)) return;
    for (const question of questionsIn(turn.text)) {
      if (!CLOSING_QUESTION.test(question.text) && words(question.text) >= 3)
        questions.push({ turn: index, pos: question.index, quote: question.text.trim() });
    }
  });
  const raw =
    1.5 * Math.min(paraphraseTurns, 2) +
    Math.min(reflections.length, 3) +
    0.5 * Math.min(questions.length, 2) -
    curt.length -
    Math.min(missed.length, 2);
  const effect = customerEffect(close);
  const level = clampLevel((raw >= 4 ? 5 : raw >= 2.5 ? 4 : raw >= 1.5 ? 3 : raw >= 0.5 ? 2 : 1) + effect);
  const parts = [
    `${paraphraseTurns} paraphrase/confirmation${paraphraseTurns === 1 ? '' : 's'}`,
    `${reflections.length} repl${reflections.length === 1 ? 'y' : 'ies'} taking up the customer’s specifics`,
    `${questions.length} clarifying question${questions.length === 1 ? '' : 's'}`,
    ...(curt.length > 0 ? [`${curt.length} curt repl${curt.length === 1 ? 'y' : 'ies'} to a long customer turn`] : []),
    ...(missed.length > 0 ? [`the customer had to repeat themselves ${missed.length === 1 ? 'once' : `${missed.length} times`}`] : []),
  ];
  const hits = uniqueHits([...paraphrases, ...reflections, ...questions, ...curt, ...missed]);
  const fallback = agentTurnAfter(turns, firstCustomer);
  return {
    level,
    hits: hits.length > 0 || fallback === undefined ? hits : [fallback],
    rationale: `${parts.join(', ')}${effectNote(effect, close)}`,
  };
};
