import { AppError } from '../domain/app-error.ts';

/**
 * An AppError raised by the Slack layer whose `userMessage` is already mrkdwn (mentions, code spans,
 * escaped names). Other AppErrors carry plain text and are escaped before they are shown in Slack.
 */
export class SlackAnswerError extends AppError {
  readonly mrkdwn = true;
}

export const isSlackAnswerError = (error: unknown): error is SlackAnswerError => error instanceof SlackAnswerError;
