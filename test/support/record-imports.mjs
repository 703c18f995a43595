// `node --import ./test/support/record-imports.mjs …` appends the URL of every module the process loads
// to the file named by RECORD_IMPORTS_TO (one per line), so a test can check what a command loads.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) register(import.meta.url);

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (process.env.RECORD_IMPORTS_TO) appendFileSync(process.env.RECORD_IMPORTS_TO, `${resolved.url}\n`);
  return resolved;
}
