/**
 * The one function bench/readiness.ts uses from pg-copy-streams (a devDependency that ships no types, ADR 0048).
 * Declared here rather than through @types/pg-copy-streams so a checkout whose node_modules predates the
 * dependency still type-checks; running the PostgreSQL seeding needs `npm install`.
 */
declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  import type { Submittable } from 'pg';

  /** `COPY … FROM STDIN`: a query for `client.query` that is also the stream its rows are written to. */
  export function from(text: string): Writable & Submittable;
}
