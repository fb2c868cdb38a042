import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';

type EmptySchema = Record<string, never>;

/** A Drizzle database over either driver; services never know which one runs. */
export type Database = PgDatabase<PgQueryResultHKT, EmptySchema>;
export type Transaction = PgTransaction<PgQueryResultHKT, EmptySchema, ExtractTablesWithRelations<EmptySchema>>;
/** Anything that can run a query: the database itself or an open transaction. */
export type Executor = Database | Transaction;
