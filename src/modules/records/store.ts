import { and, asc, eq, gt, gte, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { invalid, unauthenticated } from '../../platform/errors/index.ts';
import { readHomePage } from './config.ts';
import { lrsStatement } from './schema.ts';
import {
  buildStatement,
  verbIri,
  VERBS,
  type LearningAction,
  type VerbName,
  type XapiStatement,
} from './statements.ts';

/**
 * Appends statements in the caller's transaction, so a learning action and its record commit
 * or roll back together. Many rows go in one INSERT.
 */
export async function recordLearningActions(
  executor: Executor,
  actions: readonly LearningAction[],
  stored: Date,
): Promise<XapiStatement[]> {
  if (actions.length === 0) return [];
  const homePage = readHomePage();
  const statements = actions.map((action) => buildStatement(homePage, action, stored));
  const CHUNK = 2000;
  for (let start = 0; start < statements.length; start += CHUNK) {
    const slice = statements.slice(start, start + CHUNK);
    await executor.insert(lrsStatement).values(
      slice.map((statement, index) => {
        const action = actions[start + index]!;
        return {
          id: statement.id,
          userId: action.userId,
          runId: action.context.runId,
          registration: action.context.registration,
          verb: statement.verb.id,
          objectId: statement.object.id,
          statement: statement as unknown as Record<string, unknown>,
          timestamp: action.at,
          stored,
        };
      }),
    );
  }
  return statements;
}

export const statementQuerySchema = z.strictObject({
  verb: z.enum(Object.keys(VERBS) as [VerbName, ...VerbName[]]).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  /** The `seq` of the last statement of the previous page. */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type StatementQuery = z.input<typeof statementQuerySchema>;

export type StatementPage = { statements: XapiStatement[]; next: number | null };

function parseQuery(query: StatementQuery): z.infer<typeof statementQuerySchema> {
  const parsed = statementQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw invalid('records.query', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

async function selectPage(
  executor: Executor,
  scope: SQL,
  query: z.infer<typeof statementQuerySchema>,
): Promise<StatementPage> {
  const conditions: SQL[] = [scope];
  if (query.verb) conditions.push(eq(lrsStatement.verb, verbIri(query.verb)));
  if (query.since) conditions.push(gte(lrsStatement.timestamp, query.since));
  if (query.until) conditions.push(lt(lrsStatement.timestamp, query.until));
  if (query.after !== undefined) conditions.push(gt(lrsStatement.seq, query.after));
  const rows = await executor
    .select({ seq: lrsStatement.seq, statement: lrsStatement.statement })
    .from(lrsStatement)
    .where(and(...conditions))
    .orderBy(asc(lrsStatement.seq))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    statements: page.map((row) => row.statement as unknown as XapiStatement),
    next: rows.length > query.limit ? page.at(-1)!.seq : null,
  };
}

/** The signed-in person's own statements, oldest first. Errors: unauthenticated, invalid. */
export async function listMyStatements(ctx: ServiceContext, query: StatementQuery = {}): Promise<StatementPage> {
  if (!ctx.actor) throw unauthenticated();
  return selectPage(ctx.db, eq(lrsStatement.userId, ctx.actor.userId), parseQuery(query));
}

/**
 * Statements of one run. The caller (a module above courses) has already checked that the actor
 * may see the run's learners; this only reads.
 */
export async function listRunStatementsUnchecked(
  executor: Executor,
  runId: number,
  query: StatementQuery = {},
): Promise<StatementPage> {
  return selectPage(executor, eq(lrsStatement.runId, runId), parseQuery(query));
}

/** Every statement of one person, for their data export; streamed in pages by the caller. */
export async function listStatementsOfUser(
  executor: Executor,
  userId: string,
  query: StatementQuery = {},
): Promise<StatementPage> {
  return selectPage(executor, eq(lrsStatement.userId, userId), parseQuery({ limit: 500, ...query }));
}
