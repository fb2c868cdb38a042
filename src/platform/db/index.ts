export { openDatabase, type DatabaseHandle } from './open.ts';
export { applyMigrations, readMigrationStatus, type MigrationStatus } from './migrate.ts';
export type { Database, Executor, Transaction } from './types.ts';
export { isUniqueViolation } from './errors.ts';
export { defineStatement, readTimestamp, runStatement, type SqlParam, type SqlStatement } from './statements.ts';
export { createGroupCommitter, type GroupCommitter, type GroupOutcome } from './group-commit.ts';
