import type { Config } from '../../config/config-schema.ts';
import type { Services } from '../../services.ts';
import type { SlackMessage } from '../../slack/blocks/limits.ts';
import { createSlackSender } from '../../slack/slack-sender.ts';
import { sendNotifications, type NotificationRun, type PlannedNotification } from '../../use-cases/send-notifications.ts';
import { buildWeeklyDigest } from '../../use-cases/send-weekly-digest.ts';
import {
  messageButtons,
  notificationKindLabel,
  planDigestDryRun,
  renderPlannedNotification,
  type DigestDryRun,
} from '../render-dry-run.ts';

// Section 7 of `floorready demo`: the Slack messages the loop would send, from the same use cases as
// `floorready notify --dry-run` and `floorready digest --dry-run` (dry run: nothing sent, nothing claimed),
// shown through their printers: a few examples in full and a count of everything by kind.

/** Lines of the digest's channel copy shown before it is cut, at a blank line between its sections. */
const DIGEST_LINES = 24;

export interface DemoSlackMessages {
  run: NotificationRun<SlackMessage>;
  digest: DigestDryRun;
  /** Agent display names by agent key, to say who a message is about. */
  agentNames: ReadonlyMap<string, string>;
}

/** Plans every DM and the team's weekly digest as of `now`, in dry-run mode: nothing is sent or claimed. */
export const planDemoSlackMessages = async (
  services: Services,
  input: { config: Pick<Config, 'thresholds' | 'notifications'>; team: string; now: Date },
): Promise<DemoSlackMessages> => {
  const sender = createSlackSender({ client: null, outbox: services.outbox, leaseMinutes: input.config.notifications.leaseMinutes });
  const run = await sendNotifications({ services, config: input.config, sender, now: input.now, dryRun: true });
  const digest = planDigestDryRun(await buildWeeklyDigest(services, { team: input.team, config: input.config, now: input.now }));
  const agents = await services.directory.listAgents({ activeOnly: true });
  return { run, digest, agentNames: new Map(agents.map((agent) => [agent.key, agent.displayName])) };
};

export interface SlackSectionOptions {
  /** Whose coaching DM and score summary to show (an agent display name). */
  coachingAbout: string;
  /** How to print the digest in full, for the line that says it was cut. */
  fullDigestCommand: string;
  /** Lines of the digest's channel copy shown before it is cut (default 24). */
  digestLines?: number;
}

/** The digest's channel copy up to a section break near `max` lines, and what was left out. */
const trimDigest = (text: string, max: number): { shown: string[]; omitted: number; headings: string[] } => {
  const lines = text.split('\n');
  if (lines.length <= max + 4) return { shown: lines, omitted: 0, headings: [] };
  const breakAt = lines.slice(0, max + 1).lastIndexOf('');
  const cut = breakAt > 0 ? breakAt : max;
  const rest = lines.slice(cut).filter((line) => line.trim() !== '');
  return { shown: lines.slice(0, cut), omitted: rest.length, headings: rest.flatMap((line) => /^\*([^*]+)\*$/.exec(line)?.[1] ?? []) };
};

/** Counts in first-seen order: "label n, label n". */
const countBy = (labels: readonly string[]): string[] => {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].map(([label, count]) => `${label} ${count}`);
};

/**
 * The section's lines: the manager's readiness DM with its Approve button, a coaching DM, an early warning
 * about a very low call of an agent still new, and a score summary about one agent, the digest's channel copy (cut if long), and a count of all messages by kind.
 */
export const renderSlackSection = ({ run, digest, agentNames }: DemoSlackMessages, options: SlackSectionOptions): string[] => {
  const nameOf = (message: PlannedNotification): string => agentNames.get(message.agentKey) ?? message.agentKey;
  const show = (message: PlannedNotification<SlackMessage> | undefined): string[] =>
    message ? renderPlannedNotification(message, { about: nameOf(message), indent: '  ' }) : [];
  const toManagers = run.planned.filter((message) => message.kind !== 'score_summary' && message.kind !== 'early_warning');
  // One early warning (a very low live call of an agent still new), the first of them: each is one DM per call.
  const earlyWarning = run.planned.find((message) => message.kind === 'early_warning');
  const readiness = toManagers.find((message) => message.kind === 'readiness' || messageButtons(message.message).length > 0);
  const coaching =
    toManagers.find((message) => message !== readiness && message.kind === 'coaching' && nameOf(message) === options.coachingAbout) ??
    toManagers.find((message) => message !== readiness && message.kind === 'coaching');
  const summaries = run.planned.filter((message) => message.kind === 'score_summary');
  const summary = summaries.filter((message) => nameOf(message) === options.coachingAbout).at(-1) ?? summaries.at(-1);

  const lines = [...show(readiness), ...show(coaching), ...show(earlyWarning), ...show(summary)];
  if (digest.channel) {
    const { shown, omitted, headings } = trimDigest(digest.channelText, options.digestLines ?? DIGEST_LINES);
    lines.push(
      `  → channel ${digest.channel} · weekly digest ${digest.key}, the week before the demo clock (channel copy: it names no one negatively)`,
    );
    lines.push(...shown.map((line) => (line === '' ? '' : `    ${line}`)));
    if (omitted > 0) {
      lines.push(
        `    … ${omitted} more lines${headings.length > 0 ? ` (${headings.join(', ')}, …)` : ''}; all of it: ${options.fullDigestCommand}`,
      );
    }
  }

  const digestCounts = [
    ...(digest.channel ? ['weekly digest to the channel 1'] : []),
    ...(digest.managers.length > 0 ? [`weekly digest DM to managers ${digest.managers.length}`] : []),
  ];
  const total = run.planned.length + (digest.channel ? 1 : 0) + digest.managers.length;
  lines.push(
    `  ${total} messages would go out, by kind: ${[...countBy(run.planned.map((message) => notificationKindLabel(message.kind))), ...digestCounts].join(', ')}. ` +
      'Nothing sent, no outbox row claimed.',
  );
  const { skipped } = run;
  const skips = skipped.agentsWithoutSlackId + skipped.managersWithoutSlackId + skipped.withoutManager + skipped.teamWide;
  if (skips > 0) lines.push(`  ${skips} more skipped (no Slack id, no manager, or team-wide: see \`floorready notify --dry-run\`)`);
  for (const error of run.errors) lines.push(`  error ${error}`);
  return lines;
};
