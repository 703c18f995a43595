// `npm run cli -- <command>`: the CLI from the TypeScript sources through tsx, for development (no build).
import { main } from './main.ts';

await main();
