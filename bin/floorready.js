#!/usr/bin/env node
// The `floorready` command: runs the compiled JavaScript in dist/ (built by `npm ci` / `npm run build`).
// For development without a build, `npm run cli -- <command>` runs the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// Prisma's query compiler is WebAssembly: by default V8 also recompiles its hot functions with the
// optimising compiler on a background thread, which in a command that runs for a second costs more CPU
// than it saves (readiness: ~1.1 s of CPU against ~0.6 s with the baseline compiler only; the 499-call
// demo is no slower). The CLI's processes are short, so it keeps to the baseline compiler (ADR 0018).
setFlagsFromString('--liftoff-only');

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'error: floorready is not built yet (no dist/cli/main.js). Run `npm run build` (npm ci and npm install do it), or `npm run cli -- <command>` to run the sources.\n',
  );
  process.exit(1);
}
const { main } = await import(entry.href);
await main();
