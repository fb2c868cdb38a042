import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createAccount } from '../../../modules/identity/index.ts';
import { listStatementProblems, recordLearningActions } from '../../../modules/records/index.ts';
import { SYSTEM_ACTOR } from '../../../platform/access/index.ts';
import { listAuditEvents } from '../../../platform/audit/index.ts';
import { signIn } from '../../../../test/support/app.ts';
import { createLearningDataWorld, type LearningDataWorld, type Role } from './test-world.ts';

let world: LearningDataWorld;
beforeAll(async () => {
  world = await createLearningDataWorld();
});
afterAll(() => world?.close());

const PAGE = '/account/learning-data';
const DOWNLOAD = '/account/learning-data.json';

type Exported = {
  format: string;
  exportedAt: string;
  account: { id: string; name: string; email: string; locale: string | null };
  enrollments: Array<{ registration: string }>;
  courseware: { completions: unknown[]; videoProgress: unknown[]; positions: unknown[] };
  assessment: {
    attempts: Array<{ answers: Record<string, unknown>; answersSha256: string; results: unknown }>;
    quizScores: unknown[];
    courseGrades: Array<{ overrideReason: string }>;
  };
  statements: Array<{ actor: { account: { name: string } } }>;
};

describe('who may open the learning data page and its download', () => {
  it.each([PAGE, DOWNLOAD])('sends anonymous visitors of %s to sign in and back', async (url) => {
    const response = await world.get('anonymous', url);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
  });

  const signedIn: Role[] = ['ada', 'bo', 'lead', 'assistant', 'otherAdmin', 'secretariat'];
  it.each(signedIn)('shows %s the page about their own data (learning-data)', async (role) => {
    const response = await world.get(role, PAGE);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain(`href="${DOWNLOAD}"`);
  });

  it.each(signedIn)('gives %s a download of only their own data (learning-data.json)', async (role) => {
    const response = await world.get(role, DOWNLOAD);
    expect(response.statusCode).toBe(200);
    const exported = response.json() as Exported;
    expect(exported.account.email).not.toBe('');
    for (const statement of exported.statements) expect(statement.actor.account.name).toBe(exported.account.id);
  });
});

describe('the learning data page', () => {
  it('says what the file holds and what it leaves out, with one h1 and headings in order', async () => {
    const { body } = await world.get('ada', PAGE);
    expect(body).toContain('<h1>Your learning data</h1>');
    expect(body).toContain('What the file contains');
    expect(body).toContain('What it leaves out');
    expect(body).toContain('GET /api/v1/me/learning-data');
    const levels = [...body.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    levels.reduce((previous, level) => {
      expect(level - previous).toBeLessThanOrEqual(1);
      return level;
    });
  });

  it('is translated, right to left in Arabic', async () => {
    const ar = await world.ctx.app.inject({
      method: 'GET',
      url: PAGE,
      headers: { cookie: world.sessions.ada.cookies, 'accept-language': 'ar' },
    });
    expect(ar.body).toContain('dir="rtl"');
    expect(ar.body).toContain('بيانات تعلّمك');
    const zh = await world.ctx.app.inject({
      method: 'GET',
      url: PAGE,
      headers: { cookie: world.sessions.ada.cookies, 'accept-language': 'zh-Hans' },
    });
    expect(zh.body).toContain('您的学习数据');
  });

  it('is linked from the account page', async () => {
    const { body } = await world.get('ada', '/account');
    expect(body).toContain(`href="${PAGE}"`);
  });
});

describe('the learning data download', () => {
  it('is a dated JSON attachment that is never cached', async () => {
    const response = await world.get('ada', DOWNLOAD);
    const day = world.ctx.platform.clock.now().toISOString().slice(0, 10);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="orbis-learning-data-${day}.json"; filename*=UTF-8''orbis-learning-data-${day}.json`,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('holds every section of the learner’s own data', async () => {
    const exported = (await world.get('ada', DOWNLOAD)).json() as Exported;
    expect(exported.format).toBe('orbis.learning-data');
    expect(exported.account).toMatchObject({ id: world.ada.id, email: world.ada.email });
    expect(exported.account.name).toContain(world.ada.canary);
    expect(exported.enrollments).toEqual([expect.objectContaining({ registration: world.ada.enrollment.uuid })]);
    expect(exported.courseware.completions).toHaveLength(1);
    expect(exported.courseware.videoProgress).toHaveLength(1);
    expect(exported.courseware.positions).toHaveLength(1);
    expect(exported.assessment.attempts).toHaveLength(1);
    expect(exported.assessment.attempts[0]!.answers).toEqual({ q1: ['a'], q2: `${world.ada.canary}-answer` });
    expect(exported.assessment.attempts[0]!.answersSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(exported.assessment.courseGrades[0]!.overrideReason).toBe(`${world.ada.canary}-reason`);
    expect(exported.statements).toHaveLength(world.ada.statements);
    for (const statement of exported.statements) expect(listStatementProblems(statement)).toEqual([]);
  });

  it('contains none of another learner’s canaries (and theirs none of the first’s)', async () => {
    const adaFile = (await world.get('ada', DOWNLOAD)).body;
    const boFile = (await world.get('bo', DOWNLOAD)).body;
    expect(adaFile.split(world.ada.canary).length - 1).toBeGreaterThanOrEqual(4);
    expect(adaFile.split(world.bo.canary).length - 1).toBe(0);
    expect(boFile.split(world.ada.canary).length - 1).toBe(0);
    for (const foreign of [world.bo.id, world.bo.email, world.bo.enrollment.uuid])
      expect(adaFile).not.toContain(foreign);
    expect(adaFile).not.toContain(world.course.cast.leadInstructor.user.id);
  });

  it('streams years of records page by page, oldest first, as one valid document', async () => {
    const { db, clock } = world.ctx.platform;
    const email = `cy-${randomUUID().slice(0, 6)}@example.test`;
    const password = 'a-long-test-password';
    const cy = await createAccount({ db, clock, actor: SYSTEM_ACTOR }, { email, name: 'Cy', password });
    const { run, unit, cast } = world.course;
    const context = { runId: run.id, runUuid: run.uuid, registration: randomUUID(), courseKey: cast.course.key };
    const actions = Array.from({ length: 1201 }, (_, index) => ({
      userId: cy.id,
      verb: 'experienced' as const,
      object: { kind: 'unit' as const, ref: unit.uuid, name: `Visit ${index}` },
      context,
      at: new Date(Date.UTC(2027, 0, 1) + index * 60_000),
    }));
    await recordLearningActions(db, actions, clock.now());
    const response = await world.ctx.app.inject({
      method: 'GET',
      url: DOWNLOAD,
      headers: { cookie: await signIn(world.ctx.app, email, password) },
    });
    const exported = response.json() as { statements: Array<{ object: { definition: { name: { und: string } } } }> };
    expect(exported.statements).toHaveLength(1201);
    expect(exported.statements.map((s) => s.object.definition.name.und)).toEqual(actions.map((a) => a.object.name));
  });

  it('is an empty but complete document for someone who never learned anything', async () => {
    const exported = (await world.get('otherAdmin', DOWNLOAD)).json() as Exported;
    expect(exported.enrollments).toEqual([]);
    expect(exported.assessment).toEqual({ attempts: [], quizScores: [], courseGrades: [] });
    expect(exported.statements).toEqual([]);
  });

  it('writes a privacy.export audit record for each download, and none for a HEAD request', async () => {
    const before = await listAuditEvents(world.ctx.platform.db, { action: 'privacy.export', actorId: world.bo.id });
    const head = await world.ctx.app.inject({
      method: 'HEAD',
      url: DOWNLOAD,
      headers: { cookie: world.sessions.bo.cookies },
    });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-disposition']).toContain('attachment');
    await world.get('bo', DOWNLOAD);
    const after = await listAuditEvents(world.ctx.platform.db, { action: 'privacy.export', actorId: world.bo.id });
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({ objectType: 'user', objectId: world.bo.id, after: { channel: 'page' } });
  });
});
