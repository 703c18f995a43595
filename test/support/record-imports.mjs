// `node --import ./test/support/record-imports.mjs …` appends the URL of every module the process loads
// to the file named by RECORD_IMPORTS_TO (one per line), so a test can check what a command loads: each ES
// module as it is resolved, and at exit every CommonJS module in require's cache (a `require` made through
// `createRequire` passes no import hook).
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  register(import.meta.url);
  process.on('exit', () => {
    if (!process.env.RECORD_IMPORTS_TO) return;
    const required = Object.keys(Module._cache).map((file) => pathToFileURL(file).href);
    if (required.length > 0) appendFileSync(process.env.RECORD_IMPORTS_TO, `${required.join('\n')}\n`);
  });
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (process.env.RECORD_IMPORTS_TO) appendFileSync(process.env.RECORD_IMPORTS_TO, `${resolved.url}\n`);
  return resolved;
}
