import { Command } from 'commander';
import { parseEnv } from '../../config/env.ts';
import { loadConfig } from '../../config/config-file.ts';
import { applyConfig } from '../../use-cases/apply-config.ts';
import { cliServices, openCliDatabase, resolveConfigPath, type CliIo } from '../cli-context.ts';
import { formatCount } from '../format-figures.ts';

export const configCommand = (io: CliIo): Command => {
  const command = new Command('config').description(
    'check or apply the admin config file (rubric, call types, teams, programs, thresholds)',
  );

  command
    .command('check')
    .description('validate a config file and list every problem with its path')
    .argument('[file]', 'config file (default: FLOORREADY_CONFIG or floorready.config.yml)')
    .action(async (file?: string) => {
      const env = parseEnv(io.env);
      const path = resolveConfigPath(io, env, file);
      const config = await loadConfig(path);
      const agents = config.teams.reduce((sum, team) => sum + team.agents.length, 0);
      io.out(
        `${path} is valid: ${formatCount(config.rubric.criteria.length, 'criterion', 'criteria')}, ${formatCount(config.callTypes.length, 'call type')}, ` +
          `${formatCount(config.teams.length, 'team')}, ${formatCount(agents, 'agent')}, ${formatCount(config.programs.length, 'program')}.`,
      );
    });

  command
    .command('apply')
    .description('sync the config into the database; a changed rubric becomes a new rubric version')
    .argument('[file]', 'config file (default: FLOORREADY_CONFIG or floorready.config.yml)')
    .action(async (file?: string) => {
      const env = parseEnv(io.env);
      const path = resolveConfigPath(io, env, file);
      const config = await loadConfig(path);
      const db = await openCliDatabase(io, env, 'write');
      try {
        const result = await applyConfig(cliServices(io, env, db), config);
        const rubric = !result.rubricCreated
          ? `rubric unchanged (version ${result.rubric.version}).`
          : result.rubric.version === 1
            ? 'rubric stored as version 1.'
            : `rubric changed, now version ${result.rubric.version}.`;
        io.out(
          `Applied ${path}: ${formatCount(result.teams, 'team')}, ${formatCount(result.agents, 'agent')}, ${formatCount(result.programs, 'program')}, ` +
            `${formatCount(result.callTypes, 'call type')}; ${rubric}`,
        );
        if (result.rubricCreated && result.rubric.version > 1) {
          io.out('Scores made under the earlier rubric stay as they were; re-score with `npx floorready score --rescore --since <date>`.');
        }
      } finally {
        await db.close();
      }
    });

  return command;
};
