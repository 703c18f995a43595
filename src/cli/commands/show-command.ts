import { Command } from 'commander';
import { showCall } from '../../use-cases/show-call.ts';
import { withReader, type CliIo } from '../cli-context.ts';
import { renderCallDetail } from '../render-call-detail.ts';

export const showCommand = (io: CliIo): Command =>
  new Command('show')
    .description(
      "one call: its stored (redacted) transcript with turn numbers and times, each criterion's level, rationale and evidence marked in the turns, exclusion and human reviews beside the AI's",
    )
    .argument('<call>', 'the call id or external id (as `floorready calls` lists them)')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, options: { json?: boolean }) => {
      await withReader(io, async ({ services }) => {
        const detail = await showCall(services, ref);
        io.out(options.json ? JSON.stringify(detail, null, 2) : renderCallDetail(detail).join('\n'));
      });
    });
