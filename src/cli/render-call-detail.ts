import type { CallDetail } from '../use-cases/show-call.ts';
import { callTypeLabel } from './call-type-label.ts';
import { formatOffset, formatScore, wrapText } from './format-figures.ts';
import { shownTurn } from '../domain/turn-number.ts';
import { describeOverallSource, overallDiffers } from '../domain/call-overall.ts';

// `floorready show <call>` as text: who and what, the scores per criterion (AI and human side by side,
// with rationale and the turns cited as evidence), then the stored transcript with turn numbers, times
// and evidence marks. Lines stay within 80 columns, except words longer than a line.

type Criterion = CallDetail['criteria'][number];

const WIDTH = 80;
const when = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const scorerLabel = (scorer: string, model: string | null): string =>
  scorer === 'embedded'
    ? `the embedded offline scorer${model ? ` (${model})` : ''}`
    : scorer === 'llm'
      ? `the LLM scorer${model ? ` (model ${model})` : ''}`
      : `${scorer}${model ? ` (${model})` : ''}`;

const levelText = (criterion: Criterion): string =>
  criterion.applicable
    ? `${criterion.level === null ? '' : `level ${criterion.level} of 5, `}${formatScore(criterion.score)} of 100${criterion.confidence === 'low' ? ', low confidence' : ''}`
    : 'not applicable';

/** `prefix` then `text` wrapped at `indent`; a prefix as long as the indent gets a line of its own. */
const indented = (prefix: string, text: string, indent: number): string[] => {
  const body = wrapText(text, WIDTH - indent);
  if (prefix.length > indent) return [prefix, ...body.map((line) => `${' '.repeat(indent)}${line}`)];
  return body.map((line, index) => `${index === 0 ? prefix.padEnd(indent) : ' '.repeat(indent)}${line}`);
};

const criterionLines = (detail: CallDetail, key: string): string[] => {
  const name = detail.criterionNames[key] ?? key;
  const scores = detail.criteria.filter((criterion) => criterion.key === key);
  const lines = [`  ${name}`];
  for (const criterion of scores) {
    const who = criterion.source === 'human' ? `human${criterion.reviewer ? ` (${criterion.reviewer})` : ''}` : 'AI';
    lines.push(...indented(`    ${who}:`, levelText(criterion), 20));
    if (criterion.rationale) lines.push(...indented('', `“${criterion.rationale}”`, 20));
    const turns = [...new Set(criterion.evidence.map((quote) => shownTurn(quote.turn)))].sort((a, b) => a - b);
    if (turns.length > 0) lines.push(...indented('', `evidence in turn${turns.length === 1 ? '' : 's'} ${turns.join(', ')}`, 20));
  }
  return lines;
};

export const renderCallDetail = (detail: CallDetail): string[] => {
  const lines: string[] = [];
  lines.push(`Call ${detail.externalId ?? detail.id}${detail.externalId ? ` (id ${detail.id})` : ''}`);
  lines.push(...indented('  agent', `${detail.agent.name} (${detail.agent.key})`, 12));
  const typeLabel = callTypeLabel(detail, 'call type not set');
  lines.push(...indented('  call', `${detail.kind === 'roleplay' ? 'role-play' : 'live'}, ${typeLabel}, ${when(detail.occurredAt)}`, 12));
  if (detail.needsReview) lines.push(...indented('  REVIEW', detail.needsReview, 12));
  const state = detail.scoring
    ? `scored by ${scorerLabel(detail.scoring.scorer, detail.scoring.model)}, rubric version ${detail.scoring.rubricVersion ?? '?'}`
    : detail.state === 'imported'
      ? 'imported with its scores (no transcript scored here)'
      : detail.state;
  lines.push(...indented('  state', state, 12));
  if (detail.scoring || detail.overall !== null) {
    // The one overall (domain/call-overall), as `calls`, the DMs and the reports show it.
    const source = describeOverallSource(
      { effective: detail.overall, ai: detail.aiOverall, humanReviewed: detail.humanReviewed, differs: overallDiffers(detail) },
      formatScore,
      { heldForReview: detail.needsReview !== null },
    );
    lines.push(
      ...indented(
        '  overall',
        `${formatScore(detail.overall)} of 100, weighted by the rubric${source ? `, ${source}` : " (the AI's scores)"}`,
        12,
      ),
    );
  }
  if (detail.frustration) lines.push(...indented('  customer', `frustration: ${detail.frustration}`, 12));
  if (detail.exclusion) {
    lines.push(
      ...indented(
        '  EXCLUDED',
        `from every figure by ${detail.exclusion.by} on ${when(detail.exclusion.at)}: ${detail.exclusion.reason}`,
        12,
      ),
    );
  }
  if (detail.failureReason) lines.push(...indented(detail.state === 'failed' ? '  failed' : '  last error', detail.failureReason, 12));
  if (detail.summary) lines.push(...indented('  summary', detail.summary, 12));

  const rubricOrder = Object.keys(detail.criterionNames);
  const rank = (key: string): number => (rubricOrder.includes(key) ? rubricOrder.indexOf(key) : rubricOrder.length);
  const keys = [...new Set(detail.criteria.map((criterion) => criterion.key))].sort((a, b) => rank(a) - rank(b));
  lines.push('', keys.length === 0 ? 'No criterion scores yet.' : 'Scores per criterion (a human score counts in place of the AI score):');
  for (const key of keys) lines.push(...criterionLines(detail, key));

  lines.push('');
  if (detail.turns.length === 0) {
    lines.push('No transcript stored: this call came from a score file.');
    return lines;
  }
  lines.push(`Transcript, as stored (personal data redacted before storage): ${detail.turns.length} turns`);
  lines.push(`  ${'turn'.padStart(4)}  ${'time'.padStart(5)}  ${'speaker'.padEnd(8)}  text`);
  for (const turn of detail.turns) {
    const head = `  ${String(turn.number).padStart(4)}  ${formatOffset(turn.start).padStart(5)}  ${turn.role.padEnd(8)}  `;
    const text = wrapText(turn.text, WIDTH - head.length);
    lines.push(`${head}${text[0] ?? ''}`, ...text.slice(1).map((line) => `${' '.repeat(head.length)}${line}`));
    if (turn.evidence.length > 0) {
      const marks = turn.evidence.map(
        (mark) => `${detail.criterionNames[mark.criterion] ?? mark.criterion} (${mark.source === 'ai' ? 'AI' : 'human'})`,
      );
      lines.push(...indented(`${' '.repeat(head.length - 2)}▲ `, `evidence for ${marks.join(', ')}`, head.length));
    }
  }
  return lines;
};
