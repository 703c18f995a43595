import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { AppError, isAppError } from '../../domain/app-error.ts';
import { ROLE_RULES } from '../../ingest/map-roles.ts';
import { addRedactionCounts, describeRedactionCounts, emptyRedactionCounts } from '../../ingest/redact-pii.ts';
import { describeAgentFoundBy, describeRoleRule, ingestCall, type IngestCallResult } from '../../use-cases/ingest-call.ts';
import { readManifest, type ManifestRow } from '../read-manifest.ts';
import { findAgent } from '../../use-cases/resolve-access.ts';
import { withAgentLookupCache } from '../../use-cases/with-agent-lookup-cache.ts';
import { startProgress } from '../progress.ts';
import { withSession, type CliIo } from '../cli-context.ts';
import { parseDateOption } from '../parse-options.ts';
import { teamTimeZone } from '../../config/config-lookups.ts';
import { readInstant, type InstantOptions } from '../../domain/dates/instant.ts';
import { cliWording } from '../cli-messages.ts';

const SIDECAR_SUFFIX = '.meta.json';

export const SidecarSchema = z.strictObject({
  agent: z.string().min(1).optional(),
  type: z.string().min(1).optional(),
  roleplay: z.boolean().optional(),
  at: z.string().min(1).optional(),
  externalId: z.string().min(1).optional(),
  agentSpeaker: z.string().min(1).optional(),
});
export type Sidecar = z.infer<typeof SidecarSchema>;

interface ImportOptions {
  manifest?: string;
  agent?: string;
  type?: string;
  roleplay?: boolean;
  at?: string;
  externalId?: string;
  agentSpeaker?: string;
}

/** Every transcript file under the given paths: folders recursively, sidecars and dotfiles left out, sorted. */
export const collectFiles = async (paths: string[]): Promise<{ files: string[]; missing: string[] }> => {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = async (path: string, explicit: boolean): Promise<void> => {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      if (explicit) missing.push(path);
      return;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((name) => !name.startsWith('.')).sort();
      for (const name of entries) await walk(join(path, name), false);
    } else if (explicit || !path.endsWith(SIDECAR_SUFFIX)) {
      files.push(path);
    }
  };
  for (const path of paths) await walk(path, true);
  return { files, missing };
};

const readSidecar = async (file: string): Promise<Sidecar | null> => {
  let text: string;
  try {
    text = await readFile(file + SIDECAR_SUFFIX, 'utf8');
  } catch {
    return null;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new AppError('sidecar_invalid', `${basename(file)}${SIDECAR_SUFFIX} is not valid JSON (${(error as Error).message}).`);
  }
  const parsed = SidecarSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ');
    throw new AppError(
      'sidecar_invalid',
      `${basename(file)}${SIDECAR_SUFFIX}: ${issues}. Allowed keys: agent, type, roleplay (true/false), at (ISO date), externalId, agentSpeaker.`,
    );
  }
  return parsed.data;
};

/** The sidecar's "at" as a date; the message names the sidecar, not the --at option the user did not use. */
const parseSidecarDate = (file: string, at: string, options: InstantOptions): Date => {
  const parsed = readInstant(at, options);
  if (parsed.ok) return parsed.date;
  throw new AppError('sidecar_invalid', `${basename(file)}${SIDECAR_SUFFIX}: "at": ${parsed.problem}.`);
};

export interface ImportReport {
  imported: { file: string; result: Extract<IngestCallResult, { status: 'imported' }> }[];
  duplicates: { file: string; result: Extract<IngestCallResult, { status: 'duplicate' }> }[];
  failed: { file: string; reason: string }[];
}

export const runImport = async (io: CliIo, paths: string[], options: ImportOptions): Promise<number> => {
  if (paths.length === 0 && !options.manifest) {
    io.err('Give the files or folders to import, or a manifest: `floorready import <paths…>` or `floorready import --manifest calls.csv`.');
    return 1;
  }
  let manifestText: string | null = null;
  if (options.manifest) {
    try {
      manifestText = await readFile(options.manifest, 'utf8');
    } catch (error) {
      io.err(`Cannot read the manifest ${options.manifest} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
      return 1;
    }
  }
  const collected = await collectFiles(paths);
  const report: ImportReport = {
    imported: [],
    duplicates: [],
    failed: collected.missing.map((file) => ({ file, reason: 'no such file or folder' })),
  };
  if (!options.manifest && collected.files.length === 0 && collected.missing.length === 0) {
    io.err('No files found under the given paths.');
    return 1;
  }

  await withSession(io, async ({ config, services }) => {
    const directory = withAgentLookupCache(services.directory);
    // A zone-less --at or sidecar "at" is read in the time zone of the agent's team.
    const dates = (agent: string | null): InstantOptions => ({ timeZone: teamTimeZone(config, agent), now: services.now });
    // A manifest is checked whole before anything is stored: one bad row refuses it all.
    const manifest = new Map<string, ManifestRow>();
    if (options.manifest && manifestText !== null) {
      const callTypes = await services.directory.callTypes();
      const rows = await readManifest(options.manifest, manifestText, {
        agentExists: async (ref) => (await findAgent(directory, ref)) !== null,
        callTypes,
        dates,
      });
      for (const row of rows) manifest.set(row.file, row);
    }
    const files = [...new Set([...manifest.keys(), ...collected.files])];
    const bar = startProgress(io, 'importing', files.length);
    for (const file of files) {
      const shown = relative(io.cwd, file) || file;
      try {
        const row = manifest.get(file);
        const sidecar = await readSidecar(file);
        // No agent anywhere: the call names its agent (a configured name as a label, an introduction …).
        const agent = row?.agent ?? sidecar?.agent ?? options.agent ?? null;
        const roleplay = row?.roleplay ?? sidecar?.roleplay ?? options.roleplay;
        const occurredAt = row?.at ?? (sidecar?.at ? parseSidecarDate(file, sidecar.at, dates(agent)) : undefined);
        const result = await ingestCall(
          { directory, calls: services.calls, now: services.now, maxBytes: config.ingest.maxBytes },
          {
            content: await readFile(file),
            fileName: basename(file),
            agent,
            callType: row?.type ?? sidecar?.type ?? options.type ?? null,
            kind: roleplay ? 'roleplay' : 'live',
            ...(occurredAt ? { occurredAt } : {}),
            // --at dates the calls whose export and file name hold no date of their own.
            ...(options.at ? { fallbackOccurredAt: parseDateOption(options.at, 'at', dates(agent)) } : {}),
            externalId: row?.externalId ?? sidecar?.externalId ?? (files.length === 1 ? options.externalId : undefined) ?? null,
            ...((sidecar?.agentSpeaker ?? options.agentSpeaker) ? { agentSpeaker: sidecar?.agentSpeaker ?? options.agentSpeaker } : {}),
            source: 'cli',
            sourceName: shown,
          },
        );
        if (result.status === 'imported') report.imported.push({ file: shown, result });
        else report.duplicates.push({ file: shown, result });
        if (!io.interactive) {
          io.err(result.status === 'imported' ? `imported  ${shown} (${describeImported(result)})` : `duplicate ${shown}`);
        }
      } catch (error) {
        // One bad file never stops a folder: an unexpected error is reported for that file like any other.
        const reason = isAppError(error) ? cliWording(error) : unexpectedReason(error);
        report.failed.push({ file: shown, reason });
        if (!io.interactive) io.err(`failed    ${shown}: ${indentContinuation(reason, '          ')}`);
      }
      bar.tick(basename(file));
    }
    bar.stop();
  });

  printImportSummary(io, report);
  return report.failed.length > 0 ? 1 : 0;
};

/** One imported file in words: format, turns, how the agent was found and told apart, the date's source, the external id's. */
export const describeImported = (result: Extract<IngestCallResult, { status: 'imported' }>): string =>
  [
    `${result.format}, ${result.turns} turns`,
    ...(result.agentFoundBy ? [`${result.agent.displayName}: ${describeAgentFoundBy(result.agentFoundBy)}`] : []),
    describeRoleRule(result.roleRule),
    `dated ${result.dateSource.startsWith('given') || result.dateSource.startsWith('import time') ? 'as ' : 'from '}${result.dateSource}`,
    ...(result.externalIdSource && result.externalIdSource !== 'given' ? [`external id from ${result.externalIdSource}`] : []),
    ...(result.inferredCallType ? [`type ${result.inferredCallType.key} (${result.inferredCallType.cue})`] : []),
  ].join(', ');

/** What went wrong, without a stack trace or the values a driver's message can quote. */
const unexpectedReason = (error: unknown): string => {
  const first = error instanceof Error ? (error.message.split('\n')[0] ?? '').slice(0, 200) : String(error);
  return `could not be stored because of an unexpected error (${error instanceof Error ? error.name : 'error'}: ${first}). The other files were still imported; run the import again for this one, and report it if it keeps failing.`;
};

/** A multi-line reason's later lines indented under its first, so each failed file reads as one block. */
const indentContinuation = (text: string, indent: string): string => text.replace(/\n/g, `\n${indent}`);

export const printImportSummary = (io: CliIo, report: ImportReport): void => {
  const redacted = emptyRedactionCounts();
  for (const { result } of report.imported) addRedactionCounts(redacted, result.redactions);
  io.out(`Imported ${report.imported.length}, duplicates ${report.duplicates.length}, failed ${report.failed.length}.`);
  const described = describeRedactionCounts(redacted);
  const pii = described === '' ? [] : [described];
  const byPlatform = report.imported.reduce((sum, { result }) => sum + result.platformRedactions, 0);
  if (byPlatform > 0) pii.push(`${byPlatform} already redacted by the platform (kept as placeholders)`);
  if (pii.length > 0) io.out(`Redacted before storing: ${pii.join(', ')}.`);
  const rules = new Map<string, number>();
  for (const { result } of report.imported) rules.set(result.roleRule, (rules.get(result.roleRule) ?? 0) + 1);
  if (rules.size > 0) {
    io.out(`Agent told apart by: ${[...rules].map(([rule, n]) => `${ROLE_RULES[rule as keyof typeof ROLE_RULES]} (${n})`).join('; ')}.`);
  }
  for (const { file, result } of report.duplicates) {
    io.out(`  duplicate ${file}: already stored (same ${result.matchedBy === 'external_id' ? 'external id' : 'content for this agent'})`);
  }
  for (const { file, reason } of report.failed) io.out(`  failed ${file}: ${indentContinuation(reason, '    ')}`);
  if (report.imported.length > 0) io.out('Next: `npx floorready score` scores the queued calls.');
};

export const importCommand = (io: CliIo, setExitCode: (code: number) => void): Command =>
  new Command('import')
    .description(
      'import call transcripts (.vtt, .srt, .txt, .csv, .json and call-platform exports: Contact Lens, Transcribe, Genesys, Twilio, Dialpad, Gong, vCon; folders recursively) and queue them for scoring',
    )
    .argument('[paths...]', 'files or folders (optional with --manifest)')
    .option(
      '--manifest <calls.csv>',
      'a CSV of file, agent, type, at, external_id, roleplay (only file required; paths from its folder), checked whole before anything is stored',
    )
    .option(
      '--agent <ref>',
      "the agent: Slack user id, email or external id (a manifest row's or sidecar's \"agent\" wins; without any, each call's agent is found in the call)",
    )
    .option(
      '--type <call type>',
      'call type by key or name from the config, any case, e.g. basic_inbound or "Billing dispute" (inferred from what the call is about when left out)',
    )
    .option('--roleplay', 'the calls are roleplay practice, not live calls')
    .option(
      '--at <ISO date>',
      "when the calls happened, for those whose export and file name hold no date (default: now); a bare date or zone-less time is read in the agent's team's time zone",
    )
    .option('--external-id <id>', "the call platform's id of the call (one file only; by default the export's own call id)")
    .option('--agent-speaker <label>', "the transcript's speaker label of the agent, when names and labels don't tell")
    .addHelpText(
      'after',
      `\nPer-file metadata: a sidecar <file>${SIDECAR_SUFFIX} such as {"agent":"AG-101","type":"escalation","roleplay":false,"at":"2026-09-30T14:05:00Z","externalId":"zoom-8841"}.\nMany files at once: --manifest calls.csv with a header "file,agent,type,at,external_id,roleplay" (only file required).\nWithout an agent, each call's agent is found in the call; dates come from the export, else the file name, else --at, else now.\nExit code 1 when any file failed; good files in the same run are still imported.`,
    )
    .action(async (paths: string[], options: ImportOptions) => setExitCode(await runImport(io, paths, options)));
