import type { AppError } from '../domain/app-error.ts';

// How the CLI words the core errors whose answer names one of its own flags: from the error's code and
// parameters, so the use cases never speak of `--by`. Every other AppError is shown with its userMessage.

const BY = '--by <manager name, email or Slack id>';

export const cliWording = (error: AppError): string => {
  switch (error.code) {
    case 'approver_missing':
      return `Say who approves: ${BY}.`;
    case 'actor_missing':
      return `Say who does this: ${BY}.`;
    case 'approval_forbidden':
    case 'exclusion_forbidden':
      return error.params.reason === 'not_a_manager' ? `${error.userMessage} Name one with --by (name, email or Slack id).` : error.userMessage;
    default:
      return error.userMessage;
  }
};
