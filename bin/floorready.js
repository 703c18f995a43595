#!/usr/bin/env node
// The `floorready` command: runs the compiled JavaScript in dist/ (built by `npm ci` / `npm run build`).
// For development without a build, `npm run cli -- <command>` runs the TypeScript sources through tsx.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('error: floorready is not built yet (no dist/cli/main.js). Run `npm run build` (npm ci and npm install do it), or `npm run cli -- <command>` to run the sources.\n');
  process.exit(1);
}
const { main } = await import(entry.href);
await main();
