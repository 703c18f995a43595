import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';

import { findByKeyOrName } from '../domain/key-or-name.ts';
import { AppError } from '../domain/app-error.ts';
import type { CallTypeDef } from '../domain/types.ts';
import { readInstant, type InstantOptions } from '../domain/dates/instant.ts';

/** One file's metadata from an import manifest, checked. */
export interface ManifestRow {
  /** The file's path, resolved from the manifest's folder. */
  file: string;
  agent: string | null;
  type: string | null;
  at: Date | null;
  externalId: string | null;
  roleplay: boolean | null;
}

export const MANIFEST_COLUMNS = ['file', 'agent', 'type', 'at', 'external_id', 'roleplay'] as const;

const TRUE = new Set(['true', 'yes', 'y', '1', 'roleplay']);
const FALSE = new Set(['false', 'no', 'n', '0', 'live', '']);

const normalise = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/^\ufeff/, '')
    .replace(/[\s-]+/g, '_');

export interface ManifestChecks {
  /** The agent named in a row, or null when nobody by that reference is configured. */
  agentExists: (ref: string) => Promise<boolean>;
  callTypes: readonly CallTypeDef[];
  /** The time zone a zone-less `at` is read in for a row's agent. */
  dates: (agent: string | null) => InstantOptions;
}

/**
 * An import manifest (`file, agent, type, at, external_id, roleplay`; only `file` required, columns in any
 * order, any case): every row checked before anything is stored, as `import-scores` checks its file. A
 * file that is missing or listed twice, an unknown agent or call type, a date that does not parse, a
 * roleplay that is not yes/no, an external id used twice: each problem is listed with its row, and the
 * whole manifest is refused (`manifest_invalid`) so nothing is imported.
 */
export const readManifest = async (path: string, text: string, checks: ManifestChecks): Promise<ManifestRow[]> => {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true, trim: true }) as string[][];
  } catch (error) {
    const detail = error instanceof CsvError ? error.message : String(error);
    throw new AppError('manifest_invalid', `The manifest ${path} could not be read as CSV: ${detail}.`);
  }
  const [header, ...rows] = records;
  const columns = (header ?? []).map(normalise);
  const unknown = columns.filter((column) => !(MANIFEST_COLUMNS as readonly string[]).includes(column));
  if (!columns.includes('file') || unknown.length > 0) {
    throw new AppError(
      'manifest_invalid',
      `The manifest ${path} needs a header row with a "file" column and only these columns: ${MANIFEST_COLUMNS.join(', ')}` +
        `${unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : ''}.`,
    );
  }
  if (rows.length === 0) throw new AppError('manifest_invalid', `The manifest ${path} lists no files (a header row only).`);
  const cell = (row: readonly string[], column: (typeof MANIFEST_COLUMNS)[number]): string => {
    const index = columns.indexOf(column);
    return index < 0 ? '' : (row[index] ?? '').trim();
  };
  const folder = dirname(path);
  const problems: string[] = [];
  const files = new Map<string, number>();
  const ids = new Map<string, number>();
  const checked: ManifestRow[] = [];
  for (const [index, row] of rows.entries()) {
    const line = index + 2;
    const problem = (text: string): void => {
      problems.push(`row ${line}: ${text}`);
    };
    const name = cell(row, 'file');
    const file = name === '' ? '' : isAbsolute(name) ? name : resolve(folder, name);
    if (name === '') problem('"file" is empty');
    else if (files.has(file)) problem(`"${name}" is listed twice (also row ${files.get(file)})`);
    else {
      files.set(file, line);
      const info = await stat(file).catch(() => null);
      if (info === null) problem(`"${name}" does not exist (paths are read from the manifest's folder)`);
      else if (!info.isFile()) problem(`"${name}" is not a file`);
    }
    const agent = cell(row, 'agent') || null;
    if (agent !== null && !(await checks.agentExists(agent))) problem(`no agent "${agent}" is configured`);
    const typeText = cell(row, 'type') || null;
    const type = typeText === null ? null : (findByKeyOrName(checks.callTypes, typeText)?.key ?? null);
    if (typeText !== null && type === null)
      problem(`unknown call type "${typeText}" (configured: ${checks.callTypes.map((callType) => callType.key).join(', ')})`);
    const atText = cell(row, 'at');
    let at: Date | null = null;
    if (atText !== '') {
      const read = readInstant(atText, checks.dates(agent));
      if (read.ok) at = read.date;
      else problem(`"at": ${read.problem}`);
    }
    const externalId = cell(row, 'external_id') || null;
    if (externalId !== null) {
      if (ids.has(externalId)) problem(`external_id "${externalId}" is used twice (also row ${ids.get(externalId)})`);
      else ids.set(externalId, line);
    }
    const roleplayText = cell(row, 'roleplay').toLowerCase();
    const roleplay = TRUE.has(roleplayText) ? true : FALSE.has(roleplayText) ? (roleplayText === '' ? null : false) : null;
    if (!TRUE.has(roleplayText) && !FALSE.has(roleplayText))
      problem(`"roleplay" is "${cell(row, 'roleplay')}"; use yes or no (or leave it empty for live)`);
    checked.push({ file, agent, type, at, externalId, roleplay });
  }
  if (problems.length > 0) {
    throw new AppError(
      'manifest_invalid',
      `The manifest ${path} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing was imported:\n${problems.map((text) => `  ${text}`).join('\n')}`,
    );
  }
  return checked;
};
