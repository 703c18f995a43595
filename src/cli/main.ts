import { Command, CommanderError } from 'commander';
import { isAppError } from '../domain/app-error.ts';
import type { CliIo } from './cli-context.ts';
import { configCommand } from './commands/config-command.ts';
import { importCommand } from './commands/import-command.ts';
import { scoreCommand } from './commands/score-command.ts';
import { callsCommand } from './commands/calls-command.ts';
import { importScoresCommand } from './commands/import-scores-command.ts';
import { calibrationCommand } from './commands/calibration-command.ts';
import { approveCommand, excludeCommand, readinessCommand, teamCommand } from './commands/readiness-commands.ts';
import { demoCommand } from './commands/demo-command.ts';
import { notifyCommand } from './commands/notify-command.ts';
import { digestCommand } from './commands/digest-command.ts';

/** Builds the `floorready` command tree. Every command writes through `io`, so tests can drive it in-process. */
export const buildProgram = (io: CliIo, setExitCode: (code: number) => void): Command => {
  const program = new Command('floorready')
    .description('Post-training readiness scorecards for contact-centre agents')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) });
  const commands = [
    configCommand(io),
    importCommand(io, setExitCode),
    scoreCommand(io, setExitCode),
    callsCommand(io),
    importScoresCommand(io),
    calibrationCommand(io),
    readinessCommand(io),
    teamCommand(io),
    approveCommand(io),
    excludeCommand(io),
    demoCommand(io, setExitCode),
    digestCommand(io, setExitCode),
    notifyCommand(io, setExitCode),
  ];
  for (const command of commands) program.addCommand(command);
  // Commands added with addCommand do not inherit the program's settings: copy them down, so help
  // and usage errors of every command go through `io` (and throw instead of exiting the process).
  for (const command of program.commands) {
    command.copyInheritedSettings(program);
    for (const sub of command.commands) sub.copyInheritedSettings(command);
  }
  return program;
};

/** Runs the CLI with these arguments (without `node` and the script) and returns the exit code. */
export const runCli = async (argv: string[], io: CliIo): Promise<number> => {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
    }
    if (isAppError(error)) {
      io.err(`error: ${error.userMessage}`);
      return 1;
    }
    io.err(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    io.err('This is a bug in floorready, not in your input; please report it with the lines above.');
    return 1;
  }
};

/** The process entry (bin/floorready.js): real stdio, real environment, exit code on the process. */
export const main = async (): Promise<void> => {
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    interactive: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  });
};
