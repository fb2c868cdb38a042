import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { listAuditEvents } from '../../platform/audit/index.ts';
import { createFixedClock } from '../../platform/clock/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR, type ServiceContext } from '../../platform/access/index.ts';
import {
  configureLearningRecords,
  iterateStatementsOfUser,
  listMyStatements,
  listRunStatementsUnchecked,
  listStatementProblems,
  listStatementsOfUser,
  openLearningDataExport,
  readHomePage,
  recordLearningActions,
  type LearningAction,
  type VerbName,
} from './index.ts';
import { lrsStatement } from './schema.ts';

let handle: DatabaseHandle;
const clock = createFixedClock(new Date('2027-03-01T09:00:00Z'));
const ada = randomUUID();
const bo = randomUUID();
const runA = { id: 101, uuid: randomUUID(), registration: randomUUID() };
const runB = { id: 202, uuid: randomUUID(), registration: randomUUID() };
const runC = { id: 303, uuid: randomUUID(), registration: randomUUID() };

function contextOf(userId: string | null): ServiceContext {
  return {
    db: handle.db,
    clock,
    actor: userId ? { userId, isSecretariat: false, memberships: [], via: 'session' } : null,
  };
}

function actionOf(userId: string, verb: VerbName, run: typeof runA, minute: number): LearningAction {
  return {
    userId,
    verb,
    object: { kind: 'unit', ref: randomUUID(), name: `Unit ${minute}` },
    context: { runId: run.id, runUuid: run.uuid, registration: run.registration, courseKey: 'climate-data-101' },
    at: new Date(Date.UTC(2027, 2, 1, 9, minute)),
  };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  configureLearningRecords({ homePage: 'https://orbis.example/' });
  // Ada: 12 statements in run A (experienced, every third one completed), one in run B; Bo: 3 in run A.
  const adaActions = Array.from({ length: 12 }, (_, index) =>
    actionOf(ada, index % 3 === 2 ? 'completed' : 'experienced', runA, index),
  );
  for (const entry of adaActions) await recordLearningActions(handle.db, [entry], entry.at);
  await recordLearningActions(handle.db, [actionOf(ada, 'registered', runB, 30)], new Date('2027-03-01T09:30:00Z'));
  await recordLearningActions(
    handle.db,
    [0, 1, 2].map((minute) => actionOf(bo, 'experienced', runA, 40 + minute)),
    new Date('2027-03-01T09:45:00Z'),
  );
});
afterAll(async () => {
  configureLearningRecords({ homePage: 'http://localhost:3000' });
  await handle.close();
});

describe('the learning record store', () => {
  it('stores valid xAPI statements under the configured home page', async () => {
    expect(readHomePage()).toBe('https://orbis.example');
    const page = await listMyStatements(contextOf(ada), { limit: 500 });
    expect(page.statements).toHaveLength(13);
    for (const statement of page.statements) expect(listStatementProblems(statement)).toEqual([]);
    expect(page.statements[0]!.actor.account).toEqual({ homePage: 'https://orbis.example', name: ada });
    expect(Object.keys(page.statements[0]!)).toEqual([
      'id',
      'actor',
      'verb',
      'object',
      'context',
      'timestamp',
      'stored',
      'version',
    ]);
  });

  it('appends in the caller’s transaction: a rolled back action leaves no record', async () => {
    const ghost = randomUUID();
    await expect(
      handle.db.transaction(async (tx) => {
        await recordLearningActions(tx, [actionOf(ghost, 'completed', runA, 1)], clock.now());
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect((await listStatementsOfUser(handle.db, ghost)).statements).toEqual([]);
  });

  it('keeps each statement beside its own columns when many go in one write', async () => {
    const people = [randomUUID(), randomUUID(), randomUUID()];
    const verbs: VerbName[] = ['experienced', 'completed', 'answered', 'scored', 'attempted', 'passed'];
    const actions = verbs.map((verb, index) => actionOf(people[index % 3]!, verb, runC, index));
    const written = await recordLearningActions(handle.db, actions, clock.now());
    const rows = await handle.db.select().from(lrsStatement).where(inArray(lrsStatement.userId, people));
    expect(rows).toHaveLength(actions.length);
    for (const row of rows) {
      const index = written.findIndex((statement) => statement.id === row.id);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(row.statement).toMatchObject({
        id: row.id,
        verb: { id: row.verb },
        object: { id: row.objectId },
        actor: { account: { name: row.userId } },
      });
      expect(row.userId).toBe(actions[index]!.userId);
      expect(row.runId).toBe(actions[index]!.context.runId);
      expect(row.timestamp.getTime()).toBe(actions[index]!.at.getTime());
    }
  });

  it('stores statements that share an envelope exactly as built, in the order given', async () => {
    const [dee, eli] = [randomUUID(), randomUUID()];
    // Dee's two moments and Eli's one interleave; statements of one moment share their envelope.
    const moments = [
      { userId: dee, minute: 40 },
      { userId: eli, minute: 40 },
      { userId: dee, minute: 41 },
    ];
    const actions = [0, 1, 2, 0, 1, 2, 0].map((moment, index) => ({
      ...actionOf(moments[moment]!.userId, index % 2 === 0 ? 'answered' : 'scored', runC, moments[moment]!.minute),
      result: { response: `answer ${index}`, ...(index === 3 ? { success: true } : {}) },
    }));
    const written = await recordLearningActions(handle.db, actions, clock.now());
    const rows = await handle.db
      .select()
      .from(lrsStatement)
      .where(inArray(lrsStatement.userId, [dee, eli]))
      .orderBy(lrsStatement.seq);
    expect(rows.map((row) => row.statement)).toEqual(written);
    expect(rows.map((row) => row.timestamp.getTime())).toEqual(actions.map((action) => action.at.getTime()));
  });

  it('writes nothing for an empty list and refuses an action that makes an invalid statement', async () => {
    expect(await recordLearningActions(handle.db, [], clock.now())).toEqual([]);
    const broken = { ...actionOf(bo, 'scored', runA, 5), result: { score: { scaled: 2 } } };
    await expect(recordLearningActions(handle.db, [broken], clock.now())).rejects.toThrow('result.score.scaled');
  });
});

describe('append-only records', () => {
  async function refusal(statement: ReturnType<typeof sql>): Promise<unknown> {
    try {
      await handle.db.execute(statement);
      return null;
    } catch (error) {
      return error;
    }
  }

  const codeOf = (error: unknown): unknown => {
    const found = error as { code?: unknown; cause?: { code?: unknown } } | null;
    return found?.code ?? found?.cause?.code;
  };

  it.each([
    ['UPDATE', sql`update lrs_statement set verb = 'http://adlnet.gov/expapi/verbs/passed'`],
    ['DELETE', sql`delete from lrs_statement`],
    ['TRUNCATE', sql`truncate lrs_statement`],
  ])('refuses %s with a restrict violation', async (_label, statement) => {
    const error = await refusal(statement);
    expect(error).not.toBeNull();
    expect(codeOf(error)).toBe('23001');
    expect(String((error as Error).message) + String((error as { cause?: Error }).cause?.message)).toContain(
      'append-only',
    );
  });

  it('still holds every statement afterwards', async () => {
    expect((await listMyStatements(contextOf(ada), { limit: 500 })).statements).toHaveLength(13);
  });
});

describe('reading statements page by page', () => {
  it('pages with a cursor, oldest first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: number | undefined;
    let pages = 0;
    for (;;) {
      const page = await listMyStatements(contextOf(ada), { limit: 5, ...(after === undefined ? {} : { after }) });
      pages += 1;
      seen.push(...page.statements.map((statement) => statement.id));
      if (page.next === null) break;
      after = page.next;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(13);
    const all = (await listMyStatements(contextOf(ada), { limit: 500 })).statements.map((s) => s.id);
    expect(seen).toEqual(all);
  });

  it('filters by verb name or verb IRI', async () => {
    const byName = await listMyStatements(contextOf(ada), { verb: 'completed' });
    const byIri = await listMyStatements(contextOf(ada), { verb: 'http://adlnet.gov/expapi/verbs/completed' });
    expect(byName.statements).toHaveLength(4);
    expect(byIri.statements.map((s) => s.id)).toEqual(byName.statements.map((s) => s.id));
    expect(byName.statements.every((s) => s.verb.id.endsWith('/completed'))).toBe(true);
  });

  it('bounds by the stored time: since is exclusive, until inclusive', async () => {
    const window = await listMyStatements(contextOf(ada), {
      since: '2027-03-01T09:02:00Z',
      until: new Date('2027-03-01T09:05:00Z'),
    });
    expect(window.statements.map((s) => s.stored)).toEqual([
      '2027-03-01T09:03:00.000Z',
      '2027-03-01T09:04:00.000Z',
      '2027-03-01T09:05:00.000Z',
    ]);
  });

  it('refuses a query it cannot answer, naming each field', async () => {
    const attempts = [
      { verb: 'liked' },
      { limit: 0 },
      { limit: 501 },
      { after: -1 },
      { after: 2 ** 60 },
      { since: 'yesterday' },
      { since: '2027-03-01T09:00:00' },
      { until: '0001-01-01T00:00:00Z' },
    ];
    for (const query of attempts) {
      await expect(listMyStatements(contextOf(ada), query as never), JSON.stringify(query)).rejects.toMatchObject({
        kind: 'invalid',
        code: 'records.query',
      });
    }
    await expect(listMyStatements(contextOf(ada), { colour: 'red' } as never)).rejects.toMatchObject({
      kind: 'invalid',
    });
  });

  it('shows a person only their own statements and asks anonymous people to sign in', async () => {
    const mine = await listMyStatements(contextOf(bo), { limit: 500 });
    expect(mine.statements).toHaveLength(3);
    expect(mine.statements.every((statement) => statement.actor.account.name === bo)).toBe(true);
    await expect(listMyStatements(contextOf(null))).rejects.toMatchObject({ kind: 'unauthenticated' });
  });

  it('lists a run’s statements of every learner and nothing of other runs', async () => {
    const page = await listRunStatementsUnchecked(handle.db, runA.id, { limit: 500 });
    expect(page.statements).toHaveLength(15);
    expect(new Set(page.statements.map((s) => s.actor.account.name))).toEqual(new Set([ada, bo]));
    expect(page.statements.every((s) => s.context.registration !== runB.registration)).toBe(true);
    expect((await listRunStatementsUnchecked(handle.db, runB.id)).statements).toHaveLength(1);
  });

  it('walks every statement of one person for an export', async () => {
    const pages: number[] = [];
    for await (const page of iterateStatementsOfUser(handle.db, ada, 4)) pages.push(page.length);
    expect(pages).toEqual([4, 4, 4, 1]);
  });
});

describe('opening a learning data export', () => {
  it('audits the export as privacy.export and returns only the actor’s own id', async () => {
    expect(await openLearningDataExport(contextOf(ada), 'page')).toEqual({ userId: ada });
    const [event] = await listAuditEvents(handle.db, { action: 'privacy.export', actorId: ada });
    expect(event).toMatchObject({ objectType: 'user', objectId: ada, after: { channel: 'page', via: 'session' } });
  });

  it('refuses anonymous people and the system actor', async () => {
    await expect(openLearningDataExport(contextOf(null), 'api')).rejects.toMatchObject({ kind: 'unauthenticated' });
    const system = { db: handle.db, clock, actor: SYSTEM_ACTOR };
    await expect(openLearningDataExport(system, 'api')).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
