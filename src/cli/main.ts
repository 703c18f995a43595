import { readFileSync } from 'node:fs';
import { Command, CommanderError, Help } from 'commander';
import { isAppError } from '../domain/app-error.ts';
import type { CliIo } from './cli-context.ts';
import { cliWording } from './cli-messages.ts';

/** Builds one command; its module is imported only when that command runs (or its help is asked for). */
type CommandFactory = (io: CliIo, setExitCode: (code: number) => void) => Command;

interface CommandEntry {
  name: string;
  /** How the command reads in `floorready --help`. */
  term: string;
  summary: string;
  load: () => Promise<CommandFactory>;
}

/**
 * Every command, in the order `--help` lists them. Only the module of the command being run is loaded:
 * `--help` loads none, `readiness` loads the readiness command and what it uses, never the Slack app.
 */
const COMMANDS: CommandEntry[] = [
  {
    name: 'config',
    term: 'config check|apply [file]',
    summary: 'check the config file, or apply it to the database',
    load: async () => (await import('./commands/config-command.ts')).configCommand,
  },
  {
    name: 'import',
    term: 'import [options] <paths...>',
    summary: 'import transcripts and queue them for scoring',
    load: async () => (await import('./commands/import-command.ts')).importCommand,
  },
  {
    name: 'score',
    term: 'score [options]',
    summary: 'score the queued calls, then exit',
    load: async () => (await import('./commands/score-command.ts')).scoreCommand,
  },
  {
    name: 'calls',
    term: 'calls [options]',
    summary: 'list calls with their state and scores',
    load: async () => (await import('./commands/calls-command.ts')).callsCommand,
  },
  {
    name: 'show',
    term: 'show [options] <call>',
    summary: 'one call: transcript, scores, evidence, reviews',
    load: async () => (await import('./commands/show-command.ts')).showCommand,
  },
  {
    name: 'import-scores',
    term: 'import-scores <file.csv>',
    summary: 'import QA scores (human or another system) from a CSV',
    load: async () => (await import('./commands/import-scores-command.ts')).importScoresCommand,
  },
  {
    name: 'calibration',
    term: 'calibration [options]',
    summary: 'how far AI and human scores of the same calls agree',
    load: async () => (await import('./commands/calibration-command.ts')).calibrationCommand,
  },
  {
    name: 'readiness',
    term: 'readiness [options] <agent>',
    summary: "one agent's readiness per call type, and what to do",
    load: async () => (await import('./commands/readiness-commands.ts')).readinessCommand,
  },
  {
    name: 'team',
    term: 'team [options] <team>',
    summary: "a team's readiness: who is ready, who needs what",
    load: async () => (await import('./commands/readiness-commands.ts')).teamCommand,
  },
  {
    name: 'chart',
    term: 'chart [options] <agent|team>',
    summary: "a team's or an agent's 8-week trend as a PNG",
    load: async () => (await import('./commands/chart-command.ts')).chartCommand,
  },
  {
    name: 'approve',
    term: 'approve [options] <agent>',
    summary: 'record that a ready agent may take a call type alone',
    load: async () => (await import('./commands/readiness-commands.ts')).approveCommand,
  },
  {
    name: 'exclude',
    term: 'exclude [options] <call>',
    summary: 'leave a call out of every figure (audited, reversible)',
    load: async () => (await import('./commands/exclude-command.ts')).excludeCommand,
  },
  {
    name: 'disputes',
    term: 'disputes [options]',
    summary: 'list disputes of AI scores and their outcome',
    load: async () => (await import('./commands/dispute-commands.ts')).disputesCommand,
  },
  {
    name: 'dispute',
    term: 'dispute [options] <id>',
    summary: 'resolve a dispute: --change <level> or --keep, with --note and --by',
    load: async () => (await import('./commands/dispute-commands.ts')).disputeCommand,
  },
  {
    name: 'demo',
    term: 'demo [options]',
    summary: 'the whole loop on demo data, offline',
    load: async () => (await import('./commands/demo-command.ts')).demoCommand,
  },
  {
    name: 'digest',
    term: 'digest [options]',
    summary: 'the weekly team digest (send, or print with --dry-run)',
    load: async () => (await import('./commands/digest-command.ts')).digestCommand,
  },
  {
    name: 'notify',
    term: 'notify [options]',
    summary: 'send the DMs that are due (or print them with --dry-run)',
    load: async () => (await import('./commands/notify-command.ts')).notifyCommand,
  },
  {
    name: 'redact',
    term: 'redact [--apply]',
    summary: 're-run the PII redaction over everything stored (a dry run unless --apply)',
    load: async () => (await import('./commands/redact-command.ts')).redactCommand,
  },
  {
    name: 'forget',
    term: 'forget agent|call <ref> --by <name>',
    summary: "erase an agent's or a call's data, leaving an audit row without personal data",
    load: async () => (await import('./commands/forget-command.ts')).forgetCommand,
  },
  {
    name: 'retention',
    term: 'retention [--dry-run]',
    summary: 'erase calls older than retention.callDays (the app does it daily)',
    load: async () => (await import('./commands/retention-command.ts')).retentionCommand,
  },
];

const TERMS = new Map(COMMANDS.map((entry) => [entry.name, entry.term]));

/** The package's version, read from package.json beside src/ (or dist/). */
export const cliVersion = (): string =>
  (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The command that `argv` runs (`help <command>` included), if any: the only one whose module is loaded. */
const commandNameOf = (argv: readonly string[]): string | undefined => {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
};

/**
 * Builds the `floorready` command tree. Every command writes through `io`, so tests can drive it
 * in-process. `load` names the commands whose modules are loaded (the others are listed for `--help`
 * only); `'all'` loads every one.
 */
export const buildProgram = async (io: CliIo, setExitCode: (code: number) => void, load: 'all' | string | undefined): Promise<Command> => {
  const program = new Command('floorready')
    .description('Post-training readiness scorecards for contact-centre agents')
    .version(cliVersion(), '-V, --version', 'print the version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureHelp({ subcommandTerm: (command) => TERMS.get(command.name()) ?? new Help().subcommandTerm(command) })
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) });
  for (const entry of COMMANDS) {
    if (load === 'all' || load === entry.name) program.addCommand((await entry.load())(io, setExitCode));
    else program.addCommand(new Command(entry.name).summary(entry.summary));
  }
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
  try {
    const program = await buildProgram(
      io,
      (code) => {
        exitCode = code;
      },
      commandNameOf(argv),
    );
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
    }
    if (isAppError(error)) {
      io.err(`error: ${cliWording(error)}`);
      return 1;
    }
    io.err(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    io.err('This is a bug in floorready, not in your input; please report it with the lines above.');
    return 1;
  }
};

/** The process entry (bin/floorready.js): real stdio, real environment, exit code on the process. */
/**
 * A reader that stops reading (`floorready calls | head`) closes the pipe: the command ends quietly then,
 * with what was read, instead of an EPIPE stack trace. Any other write error is reported as one line.
 */
export const endQuietlyOnClosedPipe = (stream: NodeJS.WriteStream): void => {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    process.stderr.write(`error: cannot write the output (${error.code ?? error.message}).\n`);
    process.exit(1);
  });
};

export const main = async (): Promise<void> => {
  endQuietlyOnClosedPipe(process.stdout);
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    interactive: Boolean(process.stderr.isTTY) || process.env.FLOORREADY_PROGRESS === '1',
    env: process.env,
    cwd: process.cwd(),
  });
};
