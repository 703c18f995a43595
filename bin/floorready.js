#!/usr/bin/env node
// The `floorready` command. TypeScript runs as is through tsx: no build step, one source of truth.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main();
