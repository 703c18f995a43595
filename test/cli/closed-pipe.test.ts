/** `floorready … | head`: the built command, its stdout a pipe whose reader has gone, ends quietly. */
import { spawn } from 'node:child_process';
import path from 'node:path';

import { expect, it } from 'vitest';

import { EXAMPLE_CONFIG, REPO_ROOT } from '../support/cli.ts';

it('when the reader of its output has closed the pipe, then a command ends with exit 0 and no EPIPE stack trace', async () => {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/floorready.js'), 'calls', '--help'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', FLOORREADY_CONFIG: EXAMPLE_CONFIG },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The reader goes away before the command writes a line, as `head` does once it has its lines.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));
  expect(stderr).not.toMatch(/EPIPE|Error:|at /);
  expect(code).toBe(0);
});
