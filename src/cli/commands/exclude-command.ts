import { Command } from 'commander';
import { excludeCall } from '../../use-cases/exclude-call.ts';
import { withSession, type CliIo } from '../cli-context.ts';

export const excludeCommand = (io: CliIo): Command =>
  new Command('exclude')
    .description(
      "exclude a call from every figure for a reason outside the agent's control: a manager's decision, audited (--undo restores it)",
    )
    .argument('<call>', "the call's id as `floorready calls` prints it, or its external id")
    .option('--reason <text>', 'why the call does not reflect the agent (required unless --undo)')
    .requiredOption('--by <manager>', "who decides: a manager of the agent's team in the config (name, email or Slack id)")
    .option('--undo', 'restore an excluded call')
    .action(async (call: string, options: { reason?: string; by: string; undo?: boolean }) => {
      await withSession(io, async ({ services }) => {
        const { action, exclusion } = await excludeCall(services, { call, ...options });
        io.out(
          action === 'excluded'
            ? `Excluded ${call} (by ${exclusion.by} at ${exclusion.createdAt.toISOString()}: ${exclusion.reason}). It leaves every figure; \`--undo\` restores it.`
            : `Restored ${call} (by ${exclusion.undoneBy} at ${exclusion.undoneAt?.toISOString() ?? ''}); it counts again. The exclusion stays in the audit trail.`,
        );
      });
    });
