import { describe, expect, it } from 'vitest';

import { buildProgram } from '../../src/cli/main.ts';
import { emptySqlite } from '../support/database.ts';
import { runFloorready } from '../support/cli.ts';

/** Every command path of the CLI (`import`, `config check`, …), read from the real command tree. */
const commandPaths = async (): Promise<string[][]> => {
  const program = await buildProgram(
    { out: () => undefined, err: () => undefined, interactive: false, env: {}, cwd: process.cwd() },
    () => undefined,
    'all',
  );
  return program.commands.flatMap((command) => [[command.name()], ...command.commands.map((sub) => [command.name(), sub.name()])]);
};

const paths = await commandPaths();

describe('floorready --help', () => {
  it('when the command tree is read, then it has the commands the issues ask for', () => {
    const names = paths.map((path) => path.join(' '));
    for (const name of ['import', 'score', 'calls', 'import-scores', 'calibration', 'config check', 'config apply'])
      expect(names).toContain(name);
  });

  it.each(paths.map((path) => [path.join(' '), path] as const))(
    'when `floorready %s --help` runs, then it exits 0 and prints its usage without touching a database',
    async (name, path) => {
      const empty = await emptySqlite();
      const run = await runFloorready([...path, '--help'], { databaseUrl: empty.url });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`Usage: floorready ${name}`);
      expect(run.stdout).toMatch(/Options:/);
      await empty.drop();
    },
  );

  it('when `floorready --help` runs, then it exits 0 and lists every command', async () => {
    const empty = await emptySqlite();
    const run = await runFloorready(['--help'], { databaseUrl: empty.url });
    expect(run.code).toBe(0);
    for (const path of paths.filter((p) => p.length === 1)) expect(run.stdout).toContain(path[0]);
    await empty.drop();
  });

  it('when a command gets an unknown option, then the usage error goes to stderr through io and the exit code is 2', async () => {
    const empty = await emptySqlite();
    const run = await runFloorready(['import', '--bogus', 'x'], { databaseUrl: empty.url });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option '--bogus'/);
    expect(run.stderr).toContain('(add --help for usage)');
    await empty.drop();
  });
});
