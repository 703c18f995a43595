/**
 * Several `floorready` commands run one after another in one process, each as `src/cli/run.ts` runs one
 * (runCli with this process's environment and working directory), their output collected: for a test
 * that must run the CLI in a child process (as another user, say) without paying a process start-up for
 * every command. The argument is a JSON array of argv arrays; stdout is a JSON array of
 * `{ code, stdout, stderr }`, in the same order.
 *
 *   node --import tsx test/support/cli-sequence.ts '[["calls"],["show","RO-1"]]'
 */
import { runCli } from '../../src/cli/main.ts';

const commands = JSON.parse(process.argv[2] ?? '[]') as string[][];
const runs: { code: number; stdout: string; stderr: string }[] = [];
for (const argv of commands) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    interactive: false,
    env: process.env,
    cwd: process.cwd(),
  });
  runs.push({ code, stdout: out.join('\n'), stderr: err.join('\n') });
}
process.stdout.write(JSON.stringify(runs));
