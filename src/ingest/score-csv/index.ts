export {
  parseScoreCsv,
  formatScoreCsvError,
  scoreCsvRowSchema,
  SCORE_CSV_COLUMNS,
  SCORE_SOURCES,
  type ParsedScoreCsv,
  type ScoreCsvColumn,
  type ScoreCsvError,
  type ScoreCsvOptions,
  type ScoreCsvRow,
  type ScoreRow,
  type ScoreSource,
  groupScoreRowsByCall,
  type ImportedScore,
  type ScoreCall,
} from './parse-score-csv.ts';
export { parseOccurredAt, type ParsedOccurredAt } from './parse-occurred-at.ts';
