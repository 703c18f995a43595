import { readFileSync } from 'node:fs';

/** A transcript fixture's bytes. */
export const readFixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/transcripts/${name}`, import.meta.url));

/** A transcript fixture's text, as decoded UTF-8 (BOM kept). */
export const readFixtureText = (name: string): string => readFixture(name).toString('utf8');

/** The folder of call-platform export fixtures (test/fixtures/platforms, sources in its README). */
export const PLATFORM_FIXTURES = new URL('../fixtures/platforms/', import.meta.url);

/** A call-platform export fixture's bytes. */
export const readPlatformFixture = (name: string): Buffer => readFileSync(new URL(name, PLATFORM_FIXTURES));
