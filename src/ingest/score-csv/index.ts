export {
  parseScoreCsv,
  formatScoreCsvError,
  scoreCsvRowSchema,
  SCORE_CSV_COLUMNS,
  SCORE_SOURCES,
  SCORE_SCALES,
  type ScoreScale,
  type ParsedScoreCsv,
  type ScoreCsvColumn,
  type ScoreCsvError,
  type ScoreCsvOptions,
  type ScoreCsvRow,
  type ScoreRow,
  type ScoreSource,
} from './parse-score-csv.ts';
export { groupScoreRowsByCall, type CsvScore, type ScoreCall } from './group-score-rows-by-call.ts';
