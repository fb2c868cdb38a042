/** Learning records: xAPI 2.0 statements in an append-only store (table `lrs_statement`). */
export { configureLearningRecords, readHomePage } from './config.ts';
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
  listMyStatements,
  listRunStatementsUnchecked,
  listStatementsOfUser,
  recordLearningActions,
  statementQuerySchema,
  type StatementPage,
  type StatementQuery,
} from './store.ts';
