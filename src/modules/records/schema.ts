import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * xAPI 2.0 statements, append-only (a trigger in the migration refuses UPDATE and DELETE).
 * No foreign keys: a statement outlives the rows it speaks of, as a record should; the columns
 * beside the JSON exist only to query it.
 */
export const lrsStatement = pgTable(
  'lrs_statement',
  {
    seq: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    id: uuid().notNull().unique(),
    userId: uuid().notNull(),
    runId: bigint({ mode: 'number' }),
    registration: uuid(),
    verb: text().notNull(),
    objectId: text().notNull(),
    statement: jsonb().$type<Record<string, unknown>>().notNull(),
    timestamp: timestamp({ withTimezone: true }).notNull(),
    stored: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    index('lrs_statement_user_idx').on(table.userId, table.seq),
    index('lrs_statement_run_idx')
      .on(table.runId, table.seq)
      .where(sql`${table.runId} is not null`),
  ],
);
