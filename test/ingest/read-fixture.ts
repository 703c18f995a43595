import { readFileSync } from 'node:fs';

/** A transcript fixture's bytes. */
export const readFixture = (name: string): Buffer =>
  readFileSync(new URL(`../fixtures/transcripts/${name}`, import.meta.url));

/** A transcript fixture's text, as decoded UTF-8 (BOM kept). */
export const readFixtureText = (name: string): string => readFixture(name).toString('utf8');
