import type { RubricRecord } from '../../domain/stored-records.ts';
import { mayAct } from '../../domain/access/index.ts';
import { callOverall, describeOverallSource } from '../../domain/call-overall.ts';
import { postedCallKeys, type PlannedDirectMessage, type PostedCallLabel } from '../../domain/notifications/index.ts';
import type { Repositories } from '../ports.ts';
import { threadReplyKey } from '../ingest-posted-transcript.ts';
import { identifySlackUser } from '../resolve-access.ts';

// The thread messages of transcripts posted in an ingestion channel (issue 19, item 3), planned from stored
// state like every other message of the run (so a restart still sends them, once): for a call the queue
// scored, a public "scored" reply with no figure, then the scorecard for the poster only (an ephemeral
// message in the thread) while the access rule still lets them see the agent's scorecard; for a call the
// queue gave up on, the reason in the thread. The poster is the one the thread's first reply was claimed
// for (its outbox row's payload); the thread is the posted message (the call's source name, `<channel>/<ts>`).

export interface PostedCallMessages {
  messages: PlannedDirectMessage[];
  alreadySettled: number;
}

/** The channel and ts of a call posted in Slack, from its source name; null when it is not one. */
export const postedThreadOf = (sourceName: string | null): { channel: string; ts: string } | null => {
  const match = /^([CG][A-Z0-9]+)\/(\d+\.\d+)$/.exec(sourceName ?? '');
  return match ? { channel: match[1] as string, ts: match[2] as string } : null;
};

export const loadPostedCallMessages = async (
  services: Pick<Repositories, 'calls' | 'scores' | 'directory' | 'outbox'>,
  input: {
    since: Date;
    rubric: RubricRecord;
    callTypeNames: Readonly<Record<string, string>>;
    settled: (keys: readonly string[]) => Promise<Set<string>>;
    /** Which scorer made a call's scores and how far the agent's team trusts it. */
    scorerNote: (agentId: string, use: { scorer: string; model: string | null }) => string;
  },
): Promise<PostedCallMessages> => {
  const result: PostedCallMessages = { messages: [], alreadySettled: 0 };
  const calls = (await services.calls.postedInSlackSettled(input.since)).flatMap((call) => {
    const thread = postedThreadOf(call.sourceName);
    return thread ? [{ call, thread }] : [];
  });
  if (calls.length === 0) return result;
  const posters = await services.outbox.notificationPayloads(calls.map(({ thread }) => threadReplyKey(thread)));
  const posterOf = (thread: { channel: string; ts: string }): string | null => {
    const user = posters.get(threadReplyKey(thread))?.user;
    return typeof user === 'string' ? user : null;
  };
  const candidateKeys = calls.flatMap(({ call, thread }) => {
    const poster = posterOf(thread);
    if (call.state === 'failed') return [postedCallKeys.failed(call.id)];
    return poster ? [postedCallKeys.scored(call.id), postedCallKeys.scorecard(call.id, poster)] : [];
  });
  const settled = await input.settled(candidateKeys);
  const agents = new Map((await services.directory.agentsById([...new Set(calls.map(({ call }) => call.agentId))])).map((a) => [a.id, a]));

  for (const { call, thread } of calls) {
    const agent = agents.get(call.agentId);
    const poster = posterOf(thread);
    if (!agent) continue;
    const label: PostedCallLabel = {
      id: call.id,
      externalId: call.externalId,
      callTypeName: call.callType ? (input.callTypeNames[call.callType] ?? call.callType) : null,
      kind: call.kind,
      occurredAt: call.occurredAt,
    };
    const inThread = { channel: thread.channel, threadTs: thread.ts };
    const base = { recipientName: thread.channel, agentKey: agent.key };

    if (call.state === 'failed') {
      const key = postedCallKeys.failed(call.id);
      if (settled.has(key)) {
        result.alreadySettled += 1;
        continue;
      }
      const reason = call.failureReason ?? 'the scorer gave no reason.';
      result.messages.push({
        ...base,
        recipient: thread.channel,
        thread: { ...inThread, ephemeral: false },
        parts: [{ kind: 'thread_failed', key, payload: { call: call.id, channel: thread.channel, ts: thread.ts } }],
        build: () => ({ kind: 'thread_failed', failed: { agentName: agent.displayName, call: label, reason } }),
      });
      continue;
    }
    if (!poster) continue;

    const scoredKey = postedCallKeys.scored(call.id);
    if (settled.has(scoredKey)) result.alreadySettled += 1;
    else {
      result.messages.push({
        ...base,
        recipient: thread.channel,
        thread: { ...inThread, ephemeral: false },
        parts: [{ kind: 'thread_scored', key: scoredKey, payload: { call: call.id, channel: thread.channel, ts: thread.ts } }],
        build: () => ({ kind: 'thread_scored', scored: { agentName: agent.displayName, call: label, posterSlackId: poster } }),
      });
    }

    const cardKey = postedCallKeys.scorecard(call.id, poster);
    if (settled.has(cardKey)) {
      result.alreadySettled += 1;
      continue;
    }
    // The scorecard only while the poster may still see this agent's scorecard (ADR 0021's see_scorecard).
    if (!mayAct(await identifySlackUser(services.directory, poster), 'see_scorecard', agent)) continue;
    const [scores, evaluations] = await Promise.all([
      services.scores.currentScores([call.id]),
      services.scores.currentAiEvaluations([call.id]),
    ]);
    const evaluation = evaluations.get(call.id);
    const criteria = input.rubric.criteria.flatMap((criterion) => {
      const ai = scores.find((row) => row.source === 'ai' && row.criterionKey === criterion.key);
      const human = scores.find((row) => row.source === 'human' && row.criterionKey === criterion.key);
      if (!ai && !human) return [];
      return [
        {
          name: criterion.name,
          applicable: ai?.applicable ?? true,
          level: ai?.level ?? null,
          score: ai?.score ?? null,
          lowConfidence: ai?.confidence === 'low',
          human: human ? { level: human.level, score: human.score, reviewer: human.reviewer } : null,
        },
      ];
    });
    // The call's one overall (ADR 0039): a reviewer's score in place of the AI's, the AI's own said beside it.
    const held = { heldForReview: call.reviewReason !== null };
    const overall = callOverall(scores, input.rubric.criteria, held);
    const overallSource = describeOverallSource(overall, (value) => String(Math.round(value)), held);
    const scorerNote = input.scorerNote(agent.id, { scorer: evaluation?.scorer ?? 'unknown', model: evaluation?.model ?? null });
    result.messages.push({
      ...base,
      recipient: poster,
      recipientName: poster,
      thread: { ...inThread, ephemeral: true },
      parts: [{ kind: 'thread_scorecard', key: cardKey, payload: { call: call.id, channel: thread.channel, ts: thread.ts } }],
      build: () => ({
        kind: 'thread_scorecard',
        scorecard: {
          agentName: agent.displayName,
          call: label,
          overall: overall.effective,
          overallSource,
          criteria,
          scorerNote,
          reviewReason: call.reviewReason,
        },
      }),
    });
  }
  return result;
};
