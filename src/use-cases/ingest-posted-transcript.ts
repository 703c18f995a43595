import type { CallRepository, DirectoryRepository } from './ports.ts';
import { AppError, isAppError } from '../domain/app-error.ts';
import type { CallKind, CallTypeDef } from '../domain/types.ts';
import { matchTypedName } from '../domain/access/index.ts';
import type { Destination } from './sending/outgoing-message.ts';
import type { HeldClaim, Sender } from './sending/sender.ts';
import { ingestCall } from './ingest-call.ts';
import type { PostedTranscriptOutcome } from './posted-transcript-outcome.ts';
import { agentsInReach, authoriseOnAgent, identifySlackUser, reachFor } from './resolve-access.ts';

export type { PostedTranscriptOutcome };

/** What a posted message asks for, read from its first line. */
export interface PostedTranscriptRequest {
  /**
   * A Slack user id, an email or an external id / config key (what `findAgent` accepts), or a name (`agentByName`);
   * null when the first line names no agent: the call is searched for one of the poster's agents.
   */
  agentRef: string | null;
  /** The agent was written as a plain `@name` that Slack did not turn into a mention: look them up by name. */
  agentByName: boolean;
  /** A configured call type key. */
  callType: string;
  kind: CallKind;
  /** From the ISO date in the message; absent = now. May be an invalid Date (the use case says so). */
  occurredAt?: Date;
  externalId: string | null;
  /** The pasted transcript, Slack's markup undone; null when there is none. */
  pastedText: string | null;
}

/** A top-level message posted by a person in an ingestion channel. */
export interface PostedTranscript {
  channel: string;
  ts: string;
  user: string;
  text: string;
  /** The attached files' names; the content is fetched through `download` only once the poster may post. */
  files: readonly { name?: string | undefined }[];
}

export interface IngestPostedTranscriptDeps {
  directory: DirectoryRepository;
  calls: CallRepository;
  /** The one sender: the thread reply is claimed, posted and recorded through the outbox (its lease from the config). */
  sender: Sender<unknown>;
  now: () => Date;
  maxBytes: number;
  /** Reads the message's first line (AppError saying what is missing otherwise). */
  readRequest: (text: string, callTypes: readonly CallTypeDef[]) => PostedTranscriptRequest;
  /** The content of the message's file (index into `files`). */
  download: (index: number) => Promise<Buffer>;
}

/** The outbox key of the one thread reply a posted message gets, however often Slack delivers the event. */
export const threadReplyKey = (message: Pick<PostedTranscript, 'channel' | 'ts'>): string =>
  `ingest-reply:${message.channel}:${message.ts}`;

const decide = async (deps: IngestPostedTranscriptDeps, message: PostedTranscript): Promise<PostedTranscriptOutcome> => {
  const request = deps.readRequest(message.text, await deps.directory.callTypes());
  const person = await identifySlackUser(deps.directory, message.user);
  // Someone who manages no team learns nothing about who is an agent; a manager finds only their teams' agents.
  const scope = reachFor(person, 'post_call');
  if (scope === null) return { kind: 'not_a_manager' };
  let agent: Awaited<ReturnType<typeof agentsInReach>>[number] | undefined;
  // No agent named: only the poster's own agents are searched for in the call, so the answer tells nothing of others.
  const candidates = request.agentRef === null ? await agentsInReach(deps.directory, scope) : undefined;
  if (request.agentRef === null) {
    agent = undefined;
  } else if (request.agentByName) {
    const [found, ...others] = matchTypedName(await agentsInReach(deps.directory, scope), request.agentRef);
    if (!found || others.length > 0) return { kind: 'agent_name_unknown', name: request.agentRef };
    agent = found;
  } else {
    agent = (await authoriseOnAgent(deps.directory, person, 'post_call', request.agentRef)).agent;
  }
  if (message.files.length > 1) return { kind: 'several_files' };
  // An agent named by the message was checked above; one found in the call is one of `candidates`.
  const file = message.files[0];
  const content = file ? await deps.download(0) : request.pastedText;
  if (content === null) return { kind: 'no_transcript' };
  const result = await ingestCall(
    { directory: deps.directory, calls: deps.calls, now: deps.now, maxBytes: deps.maxBytes },
    {
      content,
      ...(file?.name ? { fileName: file.name } : {}),
      agent: agent?.key ?? null,
      ...(candidates === undefined ? {} : { agentCandidates: candidates }),
      callType: request.callType,
      kind: request.kind,
      ...(request.occurredAt === undefined ? {} : { occurredAt: request.occurredAt }),
      externalId: request.externalId,
      source: 'slack',
      sourceName: `${message.channel}/${message.ts}`,
    },
  );
  return { kind: 'stored', result, callType: request.callType, roleplay: request.kind === 'roleplay' };
};

/** Where the thread reply goes: the posted message's thread. */
const threadOf = (message: PostedTranscript): Destination => ({ kind: 'channel', channel: message.channel, threadTs: message.ts });

/** Posts the reply whose key is held, through the sender; rejects when Slack refused it (the key is then failed, for a redelivery). */
const reply = async (
  deps: IngestPostedTranscriptDeps,
  claim: HeldClaim,
  message: PostedTranscript,
  outcome: PostedTranscriptOutcome,
): Promise<void> => {
  const result = await deps.sender.deliverClaimed([claim], threadOf(message), { kind: 'ingest_reply', outcome }, deps.now());
  if (result.status === 'post_failed' || result.status === 'unbuildable') throw new Error(result.error);
};

/**
 * A transcript posted in an ingestion channel: claim the message's one thread reply (Slack delivers an
 * event again when it thinks the first delivery failed; a second delivery finds the claim and does
 * nothing; a failed reply, or one whose handler died, is taken back after the outbox lease), check the
 * poster manages the agent's team, fetch the file (or take the pasted text), store the call through the
 * ingestion use case, and answer: stored, duplicate, or what is wrong. An unexpected error is answered
 * as a failure and rethrown.
 */
export const ingestPostedTranscript = async (
  deps: IngestPostedTranscriptDeps,
  message: PostedTranscript,
): Promise<PostedTranscriptOutcome | null> => {
  const claim = await deps.sender.claim(
    { key: threadReplyKey(message), kind: 'ingest_reply', payload: { ts: message.ts, user: message.user } },
    threadOf(message),
    deps.now(),
  );
  if (!claim) return null;

  let outcome: PostedTranscriptOutcome;
  try {
    outcome = await decide(deps, message);
  } catch (error) {
    if (!isAppError(error)) {
      await reply(deps, claim, message, { kind: 'failed', error: new AppError('ingest_failed', 'unexpected error') }).catch(() => {});
      throw error;
    }
    outcome = { kind: 'failed', error };
  }
  await reply(deps, claim, message, outcome);
  return outcome;
};
