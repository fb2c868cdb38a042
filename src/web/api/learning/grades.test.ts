import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWN_ORIGIN } from '../../../../test/api/support.ts';
import { listAuditEvents } from '../../../platform/audit/index.ts';
import { createGradesPageWorld, ROLES, type GradesPageWorld, type Role } from '../../pages/grades/test-world.ts';

let w: GradesPageWorld;
let base: string;

beforeAll(async () => {
  w = await createGradesPageWorld();
  base = `/api/v1/courses/${w.world.key}/runs/SP`;
});
afterAll(() => w.ctx.close());

function call(role: Role, method: 'GET' | 'PUT', url: string, payload?: unknown, via: 'token' | 'session' = 'token') {
  const visitor = w.visitors[role];
  const headers: Record<string, string> = {};
  if (role !== 'anonymous' && via === 'token') headers.authorization = `Bearer ${visitor.apiToken}`;
  if (via === 'session') {
    headers.cookie = visitor.cookies;
    headers.origin = OWN_ORIGIN;
  }
  if (payload !== undefined) headers['content-type'] = 'application/json';
  return w.ctx.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
}

const staffRead: Record<Role, number> = {
  anonymous: 401,
  learner: 403,
  enrolled: 403,
  otherLearner: 403,
  author: 403,
  assistant: 200,
  instructor: 200,
  lead: 200,
  ownerAdmin: 200,
  otherAdmin: 403,
};

const TABLE: Array<{
  operation: string;
  send: (role: Role) => ReturnType<typeof call>;
  expected: Record<Role, number>;
}> = [
  {
    operation: 'getProgress GET …/progress',
    send: (role) => call(role, 'GET', `${base}/progress`),
    expected: {
      anonymous: 401,
      learner: 403,
      enrolled: 200,
      otherLearner: 200,
      author: 403,
      assistant: 403,
      instructor: 403,
      lead: 403,
      ownerAdmin: 403,
      otherAdmin: 403,
    },
  },
  {
    operation: 'getGradebook GET …/gradebook',
    send: (role) => call(role, 'GET', `${base}/gradebook`),
    expected: staffRead,
  },
  {
    operation: 'exportGradebook GET …/gradebook.csv',
    send: (role) => call(role, 'GET', `${base}/gradebook.csv`),
    expected: staffRead,
  },
  {
    operation: 'overrideGrade PUT …/grades/:enrollmentId/override',
    send: (role) =>
      call(role, 'PUT', `${base}/grades/${w.otherLearner.learner.enrollment.uuid}/override`, {
        grade: 0.4,
        reason: `Set by ${role}`,
      }),
    expected: { ...staffRead, assistant: 200, instructor: 200, lead: 200, ownerAdmin: 403 },
  },
];

describe('who may call the grade operations', () => {
  for (const entry of TABLE) {
    it.each(ROLES)(`${entry.operation} answers as the policy says for %s`, async (role) => {
      const response = await entry.send(role);
      expect(response.statusCode).toBe(entry.expected[role]);
      if (response.statusCode >= 400) expect(response.headers['content-type']).toContain('application/problem+json');
    });
  }

  it('answers 404 for unknown courses, runs and enrollments', async () => {
    expect((await call('lead', 'GET', '/api/v1/courses/no-such-course/runs/SP/gradebook')).statusCode).toBe(404);
    expect((await call('lead', 'GET', `/api/v1/courses/${w.world.key}/runs/NOPE/gradebook`)).statusCode).toBe(404);
    expect((await call('enrolled', 'GET', `/api/v1/courses/${w.world.key}/runs/NOPE/progress`)).statusCode).toBe(404);
    const unknown = `${base}/grades/00000000-0000-0000-0000-000000000000/override`;
    expect((await call('lead', 'PUT', unknown, { grade: 0.5, reason: 'Nobody' })).statusCode).toBe(404);
  });
});

describe('getProgress', () => {
  it('gives the learner’s grade and how it is made', async () => {
    const body = (await call('enrolled', 'GET', `${base}/progress`, undefined, 'session')).json();
    expect(body).toMatchObject({
      run: { code: 'SP' },
      grade: 0.83,
      passMark: 0.6,
      passed: true,
      groups: [
        { name: 'Homework', weight: 0.4, dropLowest: 1, average: 0.875 },
        { name: 'Exam', weight: 0.6, average: 0.8 },
      ],
      practice: [{ title: 'Warm-up', score: 1 }],
      uncounted: [{ title: 'Lab notes', score: null }],
    });
    expect(body.passedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(body.groups[0].quizzes.map((quiz: { dropped: boolean }) => quiz.dropped)).toEqual([false, false, true]);
  });
});

describe('getGradebook', () => {
  it('pages and filters learners, with a score per quiz', async () => {
    const body = (await call('assistant', 'GET', `${base}/gradebook?pageSize=1&page=2`)).json();
    expect(body).toMatchObject({ total: 2, page: 2, pageSize: 1, pageCount: 2, canOverride: true });
    expect(body.items.map((item: { name: string }) => item.name)).toEqual(['Bao Chen']);
    const exams = (await call('ownerAdmin', 'GET', `${base}/gradebook?assignmentType=Exam&status=passed`)).json();
    expect(exams.canOverride).toBe(false);
    expect(exams.quizzes.map((quiz: { title: string }) => quiz.title)).toEqual(['Final exam']);
    expect(exams.items).toMatchObject([{ name: 'Amina Okafor', mode: 'verified', scores: [4], passed: true }]);
  });

  it.each([['page=0'], ['pageSize=500'], ['status=maybe'], ['q=%00'], ['unknown=1'], [`q=${'x'.repeat(201)}`]])(
    'refuses the query %s with a 400',
    async (query) => {
      const response = await call('lead', 'GET', `${base}/gradebook?${query}`);
      expect(response.statusCode).toBe(400);
    },
  );
});

describe('exportGradebook', () => {
  it('streams CSV with a byte-order mark as an attachment', async () => {
    const response = await call('lead', 'GET', `${base}/gradebook.csv`);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('attachment; filename="gradebook-');
    const lines = response.body.split('\r\n');
    expect(lines[0]!.startsWith('\uFEFFLearner ID,Name,Email,Enrollment mode,')).toBe(true);
    expect(lines.filter(Boolean)).toHaveLength(3);
  });
});

describe('overrideGrade', () => {
  it('overrides, answers with the new grade and audits the change', async () => {
    const uuid = w.enrolled.learner.enrollment.uuid;
    const response = await call('instructor', 'PUT', `${base}/grades/${uuid}/override`, {
      grade: 0.95,
      reason: 'Project\nreviewed twice',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      enrollmentId: uuid,
      override: 0.95,
      grade: 0.95,
      computed: 0.83,
      newlyPassed: false,
    });
    const [audit] = await listAuditEvents(w.ctx.platform.db, { action: 'grade.override_set', objectId: uuid });
    expect(audit?.actorId).toBe(w.visitors.instructor.userId);
    const cleared = await call('instructor', 'PUT', `${base}/grades/${uuid}/override`, { grade: null, reason: 'Undo' });
    expect(cleared.json()).toMatchObject({ override: null, grade: 0.83 });
  });

  it.each([
    [{ grade: 1.5, reason: 'Too much' }],
    [{ grade: -1, reason: 'Too little' }],
    [{ grade: '0.5', reason: 'A string' }],
    [{ grade: 0.5, reason: 'no' }],
    [{ grade: 0.5 }],
    [{ grade: 0.5, reason: 'Fine', extra: true }],
  ])('refuses %j with a 400', async (payload) => {
    const response = await call(
      'lead',
      'PUT',
      `${base}/grades/${w.otherLearner.learner.enrollment.uuid}/override`,
      payload,
    );
    expect(response.statusCode).toBe(400);
  });

  it('refuses a malformed enrollment id and a cross-site write', async () => {
    expect(
      (await call('lead', 'PUT', `${base}/grades/nope/override`, { grade: 0.5, reason: 'Bad id' })).statusCode,
    ).toBe(400);
    const crossSite = await w.ctx.app.inject({
      method: 'PUT',
      url: `${base}/grades/${w.otherLearner.learner.enrollment.uuid}/override`,
      headers: { cookie: w.visitors.lead.cookies, origin: 'https://evil.example', 'content-type': 'application/json' },
      payload: JSON.stringify({ grade: 1, reason: 'Forged' }),
    });
    expect(crossSite.statusCode).toBe(403);
  });
});
