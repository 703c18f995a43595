import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { AppError } from '../../domain/app-error.ts';
import { importScores } from '../../use-cases/import-scores.ts';
import { withSession, type CliIo } from '../cli-context.ts';

export const importScoresCommand = (io: CliIo): Command =>
  new Command('import-scores')
    .description('import per-criterion QA scores (another QA system, or human reviewers) from a CSV file')
    .argument('<file.csv>', 'columns: external_id, agent, call_type, kind, occurred_at, criterion, score, source, reviewer')
    .addHelpText(
      'after',
      '\nkind is live or roleplay; source is ai or human (reviewer required for human); score is 0 to 100.\n' +
        'Calls without a transcript are created from the rows. A human score is kept beside the AI score of the same call and criterion.\n' +
        'The whole file is checked first: any problem rejects it with every problem listed, and nothing is stored.',
    )
    .action(async (file: string) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new AppError('file_unreadable', `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
      }
      await withSession(io, async ({ services }) => {
        const summary = await importScores(services, text);
        io.out(
          `Imported ${summary.rows} rows: ${summary.callsCreated} new calls, ${summary.callsMatched} existing calls, ` +
            `${summary.scoresStored} scores stored, ${summary.scoresUnchanged} unchanged.`,
        );
      });
    });
