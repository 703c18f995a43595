import { Command } from 'commander';

import { AppError } from '../../domain/app-error.ts';
import { DISPUTE_STATES, parseLevel, type DisputeState } from '../../domain/disputes/index.ts';
import { resolveDispute } from '../../use-cases/disputes/resolve-dispute.ts';
import { identifyByRef } from '../../use-cases/resolve-access.ts';
import { withSession, type CliIo } from '../cli-context.ts';
import { findTeam } from '../../use-cases/find-team.ts';

// `floorready disputes [--team] [--state]` and `floorready dispute <id> --change <level> | --keep
// --note … --by …` (issue 19): the dispute loop from a terminal, under the same rules as Slack (only a
// manager of the agent's team resolves; an open dispute resolves once).

const day = (date: Date | null): string => (date ? date.toISOString().replace('T', ' ').slice(0, 16) : '—');

export const disputesCommand = (io: CliIo): Command =>
  new Command('disputes')
    .description('list disputes of AI scores: open, changed, kept or expired, with who did what and when')
    .option('--team <key>', "only this team's agents")
    .option('--state <state>', `only disputes in this state (${DISPUTE_STATES.join(', ')})`)
    .action(async (options: { team?: string; state?: string }) => {
      await withSession(
        io,
        async ({ services }) => {
          if (options.state !== undefined && !DISPUTE_STATES.includes(options.state as DisputeState)) {
            throw new AppError('dispute_state_unknown', `--state must be one of ${DISPUTE_STATES.join(', ')}; got "${options.state}".`);
          }
          let agentIds: string[] | undefined;
          if (options.team) {
            const team = await findTeam(services.directory, options.team);
            if (!team)
              throw new AppError('team_unknown', `No team "${options.team}": \`floorready config check\` lists the configured teams.`);
            agentIds = (await services.directory.listAgents({ teamKey: team.key })).map((agent) => agent.id);
          }
          const disputes = await services.disputes.list({
            ...(agentIds ? { agentIds } : {}),
            ...(options.state ? { state: options.state as DisputeState } : {}),
          });
          if (disputes.length === 0) {
            io.out('No disputes.');
            return;
          }
          const agents = new Map((await services.directory.agentsById([...new Set(disputes.map((d) => d.agentId))])).map((a) => [a.id, a]));
          const calls = new Map(
            (await Promise.all(disputes.map((d) => services.calls.findById(d.callId)))).flatMap((c) => (c ? [[c.id, c] as const] : [])),
          );
          for (const dispute of disputes) {
            const call = calls.get(dispute.callId);
            io.out(
              `${dispute.id}  ${dispute.state.padEnd(7)}  ${agents.get(dispute.agentId)?.displayName ?? dispute.agentId} · ${call?.externalId ?? dispute.callId} · ${dispute.criterionKey}` +
                ` · AI level ${dispute.aiLevel ?? '—'}${dispute.newLevel ? ` → ${dispute.newLevel}` : ''} · raised ${day(dispute.createdAt)}`,
            );
            io.out(`    reason: ${dispute.reason}`);
            for (const event of dispute.history.slice(1))
              io.out(
                `    ${event.action} by ${event.by} at ${event.at.replace('T', ' ').slice(0, 16)}${event.note ? `: ${event.note}` : ''}`,
              );
          }
        },
        { access: 'read' },
      );
    });

export const disputeCommand = (io: CliIo): Command =>
  new Command('dispute')
    .description('resolve an open dispute: change the AI score (a human score beside it) or keep it, with a note for the agent')
    .argument('<id>', 'the dispute id, as `floorready disputes` prints it')
    .option('--change <level>', 'the new level, 1 to 5 (stored as a human score, you as reviewer)')
    .option('--keep', 'keep the AI score')
    .requiredOption('--note <text>', 'what the agent is told')
    .requiredOption('--by <manager>', "who decides: a manager of the agent's team in the config (name, email or Slack id)")
    .action(async (id: string, options: { change?: string; keep?: boolean; note: string; by: string }) => {
      await withSession(io, async ({ services }) => {
        if ((options.change === undefined) === (options.keep !== true)) {
          throw new AppError('dispute_resolution_missing', 'Give exactly one of --change <level> or --keep.');
        }
        const level = options.change === undefined ? null : parseLevel(options.change);
        if (options.change !== undefined && level === null)
          throw new AppError('dispute_level_invalid', `--change takes a level from 1 to 5; got "${options.change}".`);
        const done = await resolveDispute(services, {
          person: await identifyByRef(services.directory, options.by),
          disputeId: id,
          resolution: level === null ? { keep: true } : { change: level },
          note: options.note,
          now: services.now(),
        });
        io.out(
          done.state === 'changed'
            ? `Dispute ${done.id}: score changed to level ${done.newLevel} by ${done.resolvedBy}. The agent gets a DM at the next \`notify\` (or the app's next run).`
            : `Dispute ${done.id}: score kept by ${done.resolvedBy}. The agent gets a DM at the next \`notify\` (or the app's next run).`,
        );
      });
    });
