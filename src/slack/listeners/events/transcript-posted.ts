import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';

import { ingestPostedTranscript } from '../../../use-cases/ingest-posted-transcript.ts';
import { downloadSlackFile } from '../../download-slack-file.ts';
import { parseTranscriptMessage } from '../../parse-transcript-message.ts';
import { readPostedMessage } from '../../read-posted-message.ts';
import type { ListenerDeps } from '../../slack-deps.ts';

/** A transcript posted in an ingestion channel (`ingest.channels`): one use case, one thread reply. */
export const handleTranscriptPosted =
  (deps: ListenerDeps) =>
  async ({ event, context }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    const message = deps.ingest ? readPostedMessage(event, deps.ingest.channels) : null;
    if (!deps.ingest || !message) return;
    const { maxBytes, fileOrigins, timeZoneOf = () => 'UTC' } = deps.ingest;
    await ingestPostedTranscript(
      {
        calls: deps.ingest.calls,
        maxBytes,
        sender: deps.sender,
        directory: deps.services.directory,
        now: deps.services.now,
        readRequest: (text, callTypes) => parseTranscriptMessage(text, callTypes, { timeZoneOf, now: deps.services.now }),
        download: (index) =>
          downloadSlackFile(message.files[index] ?? {}, { token: context.botToken ?? '', maxBytes, allowedOrigins: fileOrigins }),
      },
      message,
    );
  };
