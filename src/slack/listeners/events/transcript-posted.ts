import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';

import { ingestPostedTranscript } from '../../../use-cases/ingest-posted-transcript.ts';
import { buildTranscriptPostedReply } from '../../build-transcript-posted-reply.ts';
import { downloadSlackFile } from '../../download-slack-file.ts';
import { parseTranscriptMessage } from '../../parse-transcript-message.ts';
import { readPostedMessage } from '../../read-posted-message.ts';
import type { SlackDeps } from '../../slack-deps.ts';

/** A transcript posted in an ingestion channel (`ingest.channels`): one use case, one thread reply. */
export const handleTranscriptPosted =
  (deps: SlackDeps) =>
  async ({ event, client, context }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    const message = deps.ingest ? readPostedMessage(event, deps.ingest.channels) : null;
    if (!deps.ingest || !message) return;
    const { maxBytes, fileOrigins } = deps.ingest;
    await ingestPostedTranscript(
      {
        ...deps.ingest,
        directory: deps.services.directory,
        now: deps.services.now,
        readRequest: parseTranscriptMessage,
        download: (index) =>
          downloadSlackFile(message.files[index] ?? {}, { token: context.botToken ?? '', maxBytes, allowedOrigins: fileOrigins }),
        answer: async (outcome) => {
          await client.chat.postMessage({ channel: message.channel, thread_ts: message.ts, text: buildTranscriptPostedReply(outcome), unfurl_links: false, unfurl_media: false });
        },
      },
      message,
    );
  };
