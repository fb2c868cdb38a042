import { and, asc, eq, gt, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { defineStatement, runStatement, type Executor } from '../../platform/db/index.ts';
import { invalid, unauthenticated } from '../../platform/errors/index.ts';
import { readHomePage } from './config.ts';
import { lrsStatement } from './schema.ts';
import { buildStatementBatch } from './statement-batch.ts';
import { verbIri, VERBS, type LearningAction, type VerbName, type XapiStatement } from './statements.ts';

/*
 * One SQL text for any number of statements, so it is prepared once per connection whatever the
 * batch size; every learning action on a hot path writes through it. Statements of one action's
 * moment share their envelope (actor, context, timestamp, stored, version): each envelope travels
 * once and each statement only with its own part (id, verb, object, result), joined again in the
 * database. PostgreSQL parses JSON text into jsonb slowly, and a quiz submission's answers share
 * one envelope, so this halves what it parses (and what crosses the socket). Each travels as one
 * JSON array (as a text[] each would be escaped again for the array literal, on both sides); the
 * columns kept beside each statement for queries are read out of it, so they cannot disagree with
 * the record; the run, which a statement names by its IRI, and the envelope come apart as arrays
 * matched by position. Rows go in in the order given, so `seq` keeps the actions' order.
 */
const INSERT_STATEMENTS = defineStatement<never>(
  'lrs_insert_statement_parts',
  `insert into lrs_statement (id, user_id, run_id, registration, verb, object_id, statement, "timestamp", stored)
   select (o.own->>'id')::uuid, (e.envelope->'actor'->'account'->>'name')::uuid, s.run_id,
       (e.envelope->'context'->>'registration')::uuid, o.own->'verb'->>'id', o.own->'object'->>'id',
       e.envelope || o.own, (e.envelope->>'timestamp')::timestamptz, $5::timestamptz
   from jsonb_array_elements($3::text::jsonb) with ordinality as o(own, position)
     join unnest($1::bigint[], $4::int[]) with ordinality as s(run_id, envelope, position) on s.position = o.position
     join jsonb_array_elements($2::text::jsonb) with ordinality as e(envelope, position) on e.position = s.envelope
   order by o.position`,
);

/**
 * Appends statements in the caller's transaction, so a learning action and its record commit
 * or roll back together. Many rows go in one INSERT. Throws (a bug in the caller) when an action
 * cannot make a valid xAPI 2.0 statement.
 */
export async function recordLearningActions(
  executor: Executor,
  actions: readonly LearningAction[],
  stored: Date,
): Promise<XapiStatement[]> {
  const homePage = readHomePage();
  const statements: XapiStatement[] = [];
  const CHUNK = 2000;
  for (let start = 0; start < actions.length; start += CHUNK) {
    const chunk = actions.slice(start, start + CHUNK);
    const batch = buildStatementBatch(homePage, chunk, stored);
    await runStatement(executor, INSERT_STATEMENTS, [
      chunk.map((action) => action.context.runId),
      JSON.stringify(batch.envelopes),
      JSON.stringify(batch.owns),
      batch.envelopeOf,
      stored.toISOString(),
    ]);
    statements.push(...batch.statements);
  }
  return statements;
}

export const STATEMENT_PAGE_MAX = 500;
const VERB_NAMES = Object.keys(VERBS) as VerbName[];
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);

/** A point in time as a Date or an ISO 8601 string with a zone, within what PostgreSQL stores. */
const instantSchema = z
  .union([
    z.date(),
    z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with a zone, such as 2027-03-01T09:00:00Z' }),
  ])
  .transform((value) => (value instanceof Date ? value : new Date(value)))
  .refine((date) => date.getTime() >= EARLIEST && date.getTime() <= LATEST, 'must be between 1970 and 9999');

/** A verb by its ADL name (`completed`) or its IRI (`http://adlnet.gov/expapi/verbs/completed`). */
const verbSchema = z
  .string()
  .transform((value) => VERB_NAMES.find((name) => name === value || verbIri(name) === value))
  .refine((name) => name !== undefined, `must be one of ${VERB_NAMES.join(', ')} or its ADL IRI`)
  .transform((name) => name!);

/**
 * A page of statements, oldest first. `since` (exclusive) and `until` (inclusive) bound the time
 * a statement was stored, as in the xAPI statement resource; `after` is the cursor of the
 * previous page.
 */
export const statementQuerySchema = z.strictObject({
  verb: verbSchema.optional(),
  since: instantSchema.optional(),
  until: instantSchema.optional(),
  after: z.coerce
    .number('must be a number')
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(Number.MAX_SAFE_INTEGER, 'is too large')
    .optional(),
  limit: z.coerce
    .number('must be a number')
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(STATEMENT_PAGE_MAX, `must be at most ${STATEMENT_PAGE_MAX}`)
    .default(100),
});
export type StatementQuery = z.input<typeof statementQuerySchema>;
type ParsedQuery = z.output<typeof statementQuerySchema>;

/** `next` is the cursor to pass as `after` for the following page; null on the last page. */
export type StatementPage = { statements: XapiStatement[]; next: number | null };

function parseQuery(query: StatementQuery): ParsedQuery {
  const parsed = statementQuerySchema.safeParse(query);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
    throw invalid('records.query', fields.map((entry) => `${entry.field}: ${entry.message}`).join('; '), { fields });
  }
  return parsed.data;
}

const PROPERTY_ORDER = [
  'id',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'stored',
  'authority',
  'version',
];

/** jsonb keeps keys in its own order; statements go out in the order the standard lists them. */
function inStandardOrder(stored: Record<string, unknown>): XapiStatement {
  const ordered: Record<string, unknown> = {};
  for (const key of PROPERTY_ORDER) if (key in stored) ordered[key] = stored[key];
  for (const [key, value] of Object.entries(stored)) if (!(key in ordered)) ordered[key] = value;
  return ordered as XapiStatement;
}

async function selectPage(executor: Executor, scope: SQL, query: ParsedQuery): Promise<StatementPage> {
  const conditions: SQL[] = [scope];
  if (query.verb) conditions.push(eq(lrsStatement.verb, verbIri(query.verb)));
  if (query.since) conditions.push(gt(lrsStatement.stored, query.since));
  if (query.until) conditions.push(lte(lrsStatement.stored, query.until));
  if (query.after !== undefined) conditions.push(gt(lrsStatement.seq, query.after));
  const rows = await executor
    .select({ seq: lrsStatement.seq, statement: lrsStatement.statement })
    .from(lrsStatement)
    .where(and(...conditions))
    .orderBy(asc(lrsStatement.seq))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    statements: page.map((row) => inStandardOrder(row.statement)),
    next: rows.length > query.limit ? page.at(-1)!.seq : null,
  };
}

/** The signed-in person's own statements, oldest first. Errors: unauthenticated, invalid 'records.query'. */
export async function listMyStatements(ctx: ServiceContext, query: StatementQuery = {}): Promise<StatementPage> {
  if (!ctx.actor) throw unauthenticated();
  return selectPage(ctx.db, eq(lrsStatement.userId, ctx.actor.userId), parseQuery(query));
}

/**
 * Statements of one run. The caller (a module or route above courses) has already checked that
 * the actor may see the run's learners; this only reads. Errors: invalid 'records.query'.
 */
export async function listRunStatementsUnchecked(
  executor: Executor,
  runId: number,
  query: StatementQuery = {},
): Promise<StatementPage> {
  return selectPage(executor, eq(lrsStatement.runId, runId), parseQuery(query));
}

/** One page of one person's statements, for their data export. Errors: invalid 'records.query'. */
export async function listStatementsOfUser(
  executor: Executor,
  userId: string,
  query: StatementQuery = {},
): Promise<StatementPage> {
  return selectPage(executor, eq(lrsStatement.userId, userId), parseQuery({ limit: STATEMENT_PAGE_MAX, ...query }));
}

/**
 * Every statement of one person, page after page, so an export of years of learning never holds
 * more than one page in memory.
 */
export async function* iterateStatementsOfUser(
  executor: Executor,
  userId: string,
  pageSize = STATEMENT_PAGE_MAX,
): AsyncGenerator<XapiStatement[]> {
  let after: number | undefined;
  for (;;) {
    const page = await listStatementsOfUser(executor, userId, {
      limit: pageSize,
      ...(after === undefined ? {} : { after }),
    });
    if (page.statements.length > 0) yield page.statements;
    if (page.next === null) return;
    after = page.next;
  }
}
