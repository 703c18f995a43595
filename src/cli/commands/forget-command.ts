import type { ErasureCounts } from '../../domain/stored-records.ts';
import { Command } from 'commander';

import { forgetAgent, forgetCall } from '../../use-cases/forget.ts';
import { withSession, type CliIo } from '../cli-context.ts';

const describe = (what: string, counts: ErasureCounts): string =>
  `Erased ${what}: ${counts.calls} calls (with their transcripts), ${counts.scores} scores, ${counts.disputes} disputes, ` +
  `${counts.messages} outbox messages, ${counts.decisions} readiness decisions. An audit row keeps these counts, who and when; nothing else.`;

export const forgetCommand = (io: CliIo): Command => {
  const command = new Command('forget').description(
    "erase an agent's or a call's data (calls, transcripts, scores, disputes, messages, decisions), leaving an audit row",
  );
  command
    .command('agent')
    .argument('<agent>', 'Slack user id, email, external id or configured name')
    .requiredOption('--by <name>', 'who asked for the erasure (kept in the audit row)')
    .action(async (ref: string, options: { by: string }) => {
      await withSession(io, async ({ services }) => {
        const counts = await forgetAgent(services, ref, options.by);
        io.out(describe("the agent's data", counts));
      });
    });
  command
    .command('call')
    .argument('<call>', 'the call id as `calls` prints it, or its external id')
    .requiredOption('--by <name>', 'who asked for the erasure (kept in the audit row)')
    .action(async (ref: string, options: { by: string }) => {
      await withSession(io, async ({ services }) => {
        const counts = await forgetCall(services, ref, options.by);
        io.out(describe('the call', counts));
      });
    });
  return command;
};
