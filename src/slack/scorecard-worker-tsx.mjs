// The scorecard worker's TypeScript source in a worker thread, for runs from the sources (vitest,
// `npm run start:dev`): Node 20 applies no `--import` loader hooks to a worker thread's own imports, so
// tsx registers itself here first. The build (dist/) loads the compiled scorecard-worker.js instead.
// tsx's disk cache is off (it caches in memory): the thread writes nothing to the temp folder, which the
// tests check is left empty.
process.env.TSX_DISABLE_CACHE = '1';
const { register } = await import('tsx/esm/api');
register();
const { default: runScorecardTask } = await import('./scorecard-worker.ts');
export default runScorecardTask;
