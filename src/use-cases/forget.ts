import type { ErasureCounts } from '../domain/stored-records.ts';
import type { CallRepository, DirectoryRepository, ErasureRepository } from './ports.ts';
import { findCall } from './find-call.ts';
import { resolveAgent } from './resolve-access.ts';

export interface ForgetDeps {
  calls: Pick<CallRepository, 'findById' | 'findByExternalId' | 'list'>;
  directory: Pick<DirectoryRepository, 'listAgents' | 'agentCandidates'>;
  erasure: ErasureRepository;
  now: () => Date;
}

/** `forget agent <ref>`: every call of the agent and what those calls own, the agent's decisions and messages. */
export const forgetAgent = async (deps: ForgetDeps, ref: string, by: string): Promise<ErasureCounts> => {
  const agent = await resolveAgent(deps.directory, ref);
  const calls = await deps.calls.list({ agentId: agent.id, limit: Number.MAX_SAFE_INTEGER });
  return deps.erasure.erase({
    kind: 'agent',
    callIds: calls.map((call) => call.id),
    agentId: agent.id,
    mentions: [agent.key, ...(agent.slackUserId ? [agent.slackUserId] : []), ...calls.map((call) => call.id)],
    by,
    at: deps.now(),
  });
};

/** `forget call <ref>`: one call (by id or external id), its transcript, scores, disputes and the messages about it. */
export const forgetCall = async (deps: ForgetDeps, ref: string, by: string): Promise<ErasureCounts> => {
  const call = await findCall(deps.calls, ref);
  return deps.erasure.erase({ kind: 'call', callIds: [call.id], agentId: null, mentions: [call.id], by, at: deps.now() });
};
