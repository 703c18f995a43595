import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Role, Turn } from '../../src/domain/types.ts';
import { JSON_ROLE_ALIASES } from '../../src/ingest/parse-json.ts';
import { parseTranscript } from '../../src/ingest/parse-transcript.ts';
import { redactTurns } from '../../src/ingest/redact-pii.ts';

/** One human-rated dialogue: its turns as the app would store them (parsed, PII redacted) and the raters' means. */
export interface RatedCall {
  id: string;
  turns: Turn[];
  /** Mean task accomplishment (A) and customer satisfaction (S), −2..2. */
  accomplished: number;
  satisfied: number;
}

/**
 * Reads a folder laid out like ../shared/data/stc3-dev (README there): `human.csv` with
 * external_id, mean_A, mean_S per dialogue, and `calls/<external id>.json` JSON-turn transcripts.
 * Null when the folder or its human.csv is absent.
 */
export const loadRatedCalls = async (folder: string): Promise<RatedCall[] | null> => {
  const csvPath = path.join(folder, 'human.csv');
  if (!existsSync(csvPath)) return null;
  const rows = parse(await readFile(csvPath, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return Promise.all(
    rows.map(async (row) => {
      const id = row.external_id ?? '';
      const fileName = `${id}.json`;
      const parsed = parseTranscript(await readFile(path.join(folder, 'calls', fileName)), { fileName });
      const turns = parsed.turns.map((turn): Turn => {
        const role: Role | undefined = turn.role ?? JSON_ROLE_ALIASES[(turn.speaker ?? '').trim().toLowerCase()];
        if (role === undefined)
          throw new Error(`${fileName}: a turn whose speaker is neither agent nor customer (${turn.speaker ?? 'none'})`);
        return { role, text: turn.text };
      });
      return { id, turns: redactTurns(turns).turns, accomplished: Number(row.mean_A), satisfied: Number(row.mean_S) };
    }),
  );
};
