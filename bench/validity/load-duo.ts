import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Turn } from '../../src/domain/types.ts';
import { redactTurns } from '../../src/ingest/redact-pii.ts';

/** One DUO dialogue: a person telling a chatbot about an emotional experience, and how empathic it was rated. */
export interface EmpathyRatedChat {
  id: string;
  turns: Turn[];
  /** The person's own empathy rating of the bot, 1..5. */
  ownRating: number;
  /** The mean of three third-party annotators' empathy ratings, 1..5; null when the dialogue has none. */
  observerRating: number | null;
}

interface DuoFile {
  dialogue_id: string;
  subjective_evaluation?: { empathy?: number | null };
  objective_evaluation?: { empathy?: number | null } | null;
  dialogue: { speaker: string; message: string }[];
}

/**
 * Reads the English EmpatheticDialogues setting of the DUO dataset (ikuminumaya/duo-dataset, `ed/en/*.json`,
 * CC BY-NC 4.0): the human is the customer, the bot the agent. Null when the folder is absent.
 */
export const loadDuoChats = async (folder: string): Promise<EmpathyRatedChat[] | null> => {
  if (!existsSync(folder)) return null;
  const files = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  const chats: EmpathyRatedChat[] = [];
  for (const name of files) {
    const data = JSON.parse(await readFile(path.join(folder, name), 'utf8')) as DuoFile;
    const own = data.subjective_evaluation?.empathy;
    if (typeof own !== 'number') continue;
    const turns = data.dialogue.map((line): Turn => ({ role: line.speaker === 'Bot' ? 'agent' : 'customer', text: line.message }));
    const observer = data.objective_evaluation?.empathy;
    chats.push({
      id: data.dialogue_id,
      turns: redactTurns(turns).turns,
      ownRating: own,
      observerRating: typeof observer === 'number' ? observer : null,
    });
  }
  return chats;
};
