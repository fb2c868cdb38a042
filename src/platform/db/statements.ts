import { is } from 'drizzle-orm';
import { NodePgSession } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Executor } from './types.ts';

/** A value a statement parameter takes; timestamps travel as ISO strings, JSON as text. */
export type SqlParam = string | number | boolean | null | readonly (string | number | boolean | null)[];

/**
 * One fixed SQL text with a name, for the few queries every request of a hot path runs
 * (ADR 0023). PostgreSQL parses and plans it once per connection, and no query builder runs:
 * building a statement with Drizzle cost more server CPU than running it.
 */
export interface SqlStatement<Row> {
  readonly name: string;
  readonly text: string;
  /** Only carries the row type. */
  readonly row?: Row;
}

const definedStatements = new Map<string, string>();

/**
 * Names a SQL text. A name is prepared once per connection, so two texts under one name would
 * run the wrong one: that is refused when the module loads.
 */
export function defineStatement<Row>(name: string, text: string): SqlStatement<Row> {
  const known = definedStatements.get(name);
  if (known !== undefined && known !== text) throw new Error(`Two SQL statements are named ${name}.`);
  definedStatements.set(name, text);
  return { name, text };
}

function readRows(result: unknown): unknown[] {
  const rows = (result as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw new Error('The database driver returned no rows array.');
  return rows;
}

/*
 * Date, time and interval columns stay text, as Drizzle's own node-postgres queries leave them
 * (the type ids it lists), so both paths below hand callers the same values.
 */
const TEXT_TYPE_IDS = new Set([1082, 1114, 1184, 1186, 1115, 1182, 1185, 1187, 1231]);
const keepText = (value: string): string => value;
const textTimeTypes = {
  getTypeParser: (typeId: number, format?: 'text' | 'binary') =>
    TEXT_TYPE_IDS.has(typeId) ? keepText : pg.types.getTypeParser(typeId, format),
};

type PgQueryable = { query(config: pg.QueryConfig, values: unknown[]): Promise<unknown> };

/**
 * The pool (or, in a transaction, the pooled connection) behind a node-postgres session. Drizzle
 * keeps it private; a statement that is already named and written needs none of the query
 * builder, tracing spans or per-call objects its prepared query makes around `query()`.
 */
function findPgQueryable(executor: Executor): PgQueryable | null {
  const session: unknown = executor._.session;
  if (!is(session, NodePgSession)) return null;
  const client = (session as unknown as { client?: PgQueryable }).client;
  return typeof client?.query === 'function' ? client : null;
}

const pgConfigs = new Map<string, pg.QueryConfig>();

function pgConfigOf(statement: SqlStatement<unknown>): pg.QueryConfig {
  let config = pgConfigs.get(statement.name);
  if (!config) {
    config = { name: statement.name, text: statement.text, types: textTimeTypes };
    pgConfigs.set(statement.name, config);
  }
  return config;
}

/**
 * Runs a named statement on the database or inside a transaction, returning its rows as the
 * driver gives them (column names as in the SQL; timestamps and dates as text).
 */
export async function runStatement<Row>(
  executor: Executor,
  statement: SqlStatement<Row>,
  params: readonly SqlParam[],
): Promise<Row[]> {
  const queryable = findPgQueryable(executor);
  if (queryable) return readRows(await queryable.query(pgConfigOf(statement), [...params])) as Row[];
  const prepared = executor._.session.prepareQuery(
    { sql: statement.text, params: [...params] },
    undefined,
    statement.name,
    false,
  );
  return readRows(await prepared.execute()) as Row[];
}

/** PostgreSQL's timestamp text (either driver) as a Date. */
export function readTimestamp(value: string | Date): Date {
  if (value instanceof Date) return value;
  // "2026-12-03 21:30:00.123+00": JavaScript reads the ISO form, so give it one.
  const iso = value.includes('T') ? value : value.replace(' ', 'T');
  return new Date(/[+-]\d\d$/.test(iso) ? `${iso}:00` : iso);
}
