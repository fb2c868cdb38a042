/** Learning records: xAPI 2.0 statements in an append-only store (table `lrs_statement`). */
export { configureLearningRecords, readHomePage } from './config.ts';
export { openLearningDataExport, type ExportChannel } from './privacy.ts';
export {
  ACTIVITY_TYPES,
  VERBS,
  XAPI_VERSION,
  activityIri,
  buildStatement,
  verbIri,
  type ActivityKind,
  type ActivityRef,
  type LearningAction,
  type StatementResult,
  type VerbName,
  type XapiStatement,
} from './statements.ts';
export {
  STATEMENT_PAGE_MAX,
  iterateStatementsOfUser,
  listMyStatements,
  listRunStatementsUnchecked,
  listStatementsOfUser,
  recordLearningActions,
  statementQuerySchema,
  type StatementPage,
  type StatementQuery,
} from './store.ts';
export { isAbsoluteIri, isLanguageTag, isTimestamp, listStatementProblems } from './validate.ts';
