import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { teamTimeZone } from '../../config/config-lookups.ts';
import { AppError } from '../../domain/app-error.ts';
import { SCORE_SCALES, type ScoreScale } from '../../ingest/score-csv/index.ts';
import { importScores } from '../../use-cases/import-scores.ts';
import { withSession, type CliIo } from '../cli-context.ts';

export const importScoresCommand = (io: CliIo): Command =>
  new Command('import-scores')
    .description('import per-criterion QA scores (another QA system, or human reviewers) from a CSV file')
    .argument(
      '<file.csv>',
      'columns: external_id, agent, call_type, kind, occurred_at, criterion, score, source, reviewer (and optionally scale)',
    )
    .addOption(new Option('--scale <scale>', 'the scale of every score in the file: points 0-100, or levels 1-5').choices(SCORE_SCALES))
    .addHelpText(
      'after',
      '\nkind is live or roleplay; source is ai or human (reviewer required for human); score is 0 to 100, or a level 1 to 5 with\n' +
        '--scale 1-5 (or a scale column saying 1-5 or 0-100 per row); levels are stored as 0, 25, 50, 75, 100, as the scorers map them.\n' +
        'A file whose scores are all whole numbers from 1 to 5 must declare its scale: it is refused otherwise.\n' +
        'Calls without a transcript are created from the rows. A human score is kept beside the AI score of the same call and criterion.\n' +
        'The whole file is checked first: any problem rejects it with every problem listed, and nothing is stored.',
    )
    .action(async (file: string, options: { scale?: ScoreScale }) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new AppError('file_unreadable', `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
      }
      await withSession(io, async ({ config, services }) => {
        const summary = await importScores(services, text, {
          ...(options.scale ? { scale: options.scale } : {}),
          timeZoneOf: (agent) => teamTimeZone(config, agent),
          now: services.now,
        });
        io.out(
          `Imported ${summary.rows} rows: ${summary.callsCreated} new calls, ${summary.callsMatched} existing calls, ` +
            `${summary.scoresStored} scores stored, ${summary.scoresUnchanged} unchanged.`,
        );
      });
    });
