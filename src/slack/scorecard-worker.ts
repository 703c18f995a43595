/**
 * The `/readiness` answer, built in a worker thread (scorecard-pool.ts, ADR 0042): who asks, what they may
 * see, the report and its Slack message, all off the app's event loop, so Slack's acks never wait behind a
 * report (better-sqlite3 runs every query synchronously, and the report's arithmetic is CPU either way).
 * The worker opens the app's database read-only once and keeps it open; a report never writes.
 */
import { openDatabase, type Database } from '../db/client.ts';
import { AppError } from '../domain/app-error.ts';
import type { ReadinessThresholds } from '../domain/readiness/index.ts';
import type { Scorer } from '../domain/types.ts';
import { createServices, type Services } from '../services.ts';
import { showScorecard } from '../use-cases/show-scorecard.ts';
import { errorNotice } from './answer-error.ts';
import type { PlainSlackMessage, SlackMessage } from './blocks/limits.ts';
import { scorecardMessage } from './build-scorecard-message.ts';
import { parseReadinessText } from './parse-readiness-text.ts';

/** One `/readiness` command: the app's database, who ran it, its text, the app's clock at the command, and the config's thresholds. */
export interface ScorecardTask {
  kind: 'answer';
  databaseUrl: string;
  userId: string;
  text: string;
  nowMs: number;
  thresholds: ReadinessThresholds;
}

/**
 * What to answer: the scorecard; a refusal or a request to fix (an AppError, worded for Slack); or an
 * apology for an error nobody expected, with that error for the app's log.
 */
export type ScorecardAnswer =
  | { kind: 'scorecard'; message: SlackMessage }
  | { kind: 'refused'; message: PlainSlackMessage }
  | { kind: 'failed'; message: PlainSlackMessage; error: { message: string; stack: string | null } };

/** An app that starts (`open`: its database connection is opened, so the first command waits for nothing) or stopped (`release`: closed). */
export interface ConnectionTask {
  kind: 'open' | 'release';
  databaseUrl: string;
}

export const SCORECARD_DOING = 'building the readiness scorecard';

interface Reader {
  db: Database;
  services: Services;
}

/** A report reads scores and never makes one: the thread loads no scorer. */
const NO_SCORER: Scorer = {
  name: 'embedded',
  model: null,
  score: () => Promise.reject(new AppError('scorer_not_loaded', 'A /readiness answer does not score calls; the scoring worker does.')),
};

const readers = new Map<string, Promise<Reader>>();

/** The database at this URL, opened read-only once per worker (a failed open is tried again next time). */
const readerFor = (url: string): Promise<Reader> => {
  let reader = readers.get(url);
  if (!reader) {
    reader = openDatabase(url, { readOnly: true }).then((db) => ({ db, services: createServices(db, { scorer: NO_SCORER }) }));
    readers.set(url, reader);
    reader.catch(() => readers.delete(url));
  }
  return reader;
};

const release = async (url: string): Promise<null> => {
  const reader = readers.get(url);
  readers.delete(url);
  await reader?.then((opened) => opened.db.close()).catch(() => undefined);
  return null;
};

/**
 * Piscina's task function: one command's answer, never a throw (an error becomes the answer that explains
 * it); or an app's connection opened or closed.
 */
export default async function runScorecardTask(task: ScorecardTask | ConnectionTask): Promise<ScorecardAnswer | null> {
  if (task.kind !== 'answer') return task.kind === 'open' ? readerFor(task.databaseUrl).then(() => null) : release(task.databaseUrl);
  try {
    const { services } = await readerFor(task.databaseUrl);
    const now = new Date(task.nowMs);
    const scorecard = await showScorecard(
      { ...services, now: () => now },
      { userId: task.userId, thresholds: task.thresholds, readRequest: (callTypes) => parseReadinessText(task.text, callTypes) },
    );
    return { kind: 'scorecard', message: scorecardMessage(scorecard) };
  } catch (error) {
    const { expected, ...message } = errorNotice(error, SCORECARD_DOING);
    if (expected) return { kind: 'refused', message };
    const failure = error instanceof Error ? error : new Error(String(error));
    return { kind: 'failed', message, error: { message: failure.message, stack: failure.stack ?? null } };
  }
}
