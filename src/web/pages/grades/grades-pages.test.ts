import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../platform/audit/index.ts';
import { createGradesPageWorld, ROLES, type GradesPageWorld, type Role } from './test-world.ts';

let w: GradesPageWorld;
let key: string;
const RUN = 'SP';

beforeAll(async () => {
  w = await createGradesPageWorld();
  key = w.world.key;
});
afterAll(() => w.ctx.close());

const progress = () => `/learn/${key}/${RUN}/progress`;
const gradebook = (rest = '') => `/studio/courses/${key}/runs/${RUN}/gradebook${rest}`;

type Case = {
  name: string;
  send: (role: Role) => Promise<{ statusCode: number; headers: Record<string, unknown> }>;
  expected: Record<Role, number>;
};

const staffRead: Record<Role, number> = {
  anonymous: 303,
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

const CASES: Case[] = [
  {
    name: 'GET …/progress',
    send: (role) => w.get(role, progress()),
    expected: {
      anonymous: 303,
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
  { name: 'GET …/gradebook', send: (role) => w.get(role, gradebook()), expected: staffRead },
  { name: 'GET …/gradebook.csv', send: (role) => w.get(role, gradebook('.csv')), expected: staffRead },
  {
    name: 'POST …/gradebook/:enrollmentId/override',
    send: (role) =>
      w.post(role, gradebook(`/${w.otherLearner.learner.enrollment.uuid}/override`), {
        grade: '55',
        reason: `Checked by ${role}`,
      }),
    expected: {
      anonymous: 303,
      learner: 403,
      enrolled: 403,
      otherLearner: 403,
      author: 403,
      assistant: 303,
      instructor: 303,
      lead: 303,
      ownerAdmin: 403,
      otherAdmin: 403,
    },
  },
];

describe('who may use the grades pages', () => {
  for (const entry of CASES) {
    it.each(ROLES)(`${entry.name} answers as the policy says for %s`, async (role) => {
      const response = await entry.send(role);
      expect(response.statusCode).toBe(entry.expected[role]);
      if (role === 'anonymous') expect(String(response.headers.location)).toMatch(/^\/sign-in\?next=/);
    });
  }

  it('answers 404 for a run or course that does not exist', async () => {
    expect((await w.get('enrolled', `/learn/${key}/NOPE/progress`)).statusCode).toBe(404);
    expect((await w.get('lead', '/studio/courses/no-such-course/runs/SP/gradebook')).statusCode).toBe(404);
    expect((await w.get('lead', `/studio/courses/${key}/runs/NOPE/gradebook.csv`)).statusCode).toBe(404);
    const unknown = gradebook('/00000000-0000-0000-0000-000000000000/override');
    expect((await w.post('lead', unknown, { grade: '50', reason: 'Nobody' })).statusCode).toBe(404);
    expect(
      (await w.post('lead', gradebook('/not-a-uuid/override'), { grade: '50', reason: 'Nobody' })).statusCode,
    ).toBe(404);
  });
});

describe('the progress page', () => {
  it('shows the grade, the pass, a chart per assignment type with the same figures as tables', async () => {
    const response = await w.get('enrolled', progress());
    const html = response.body;
    // Homework 1, 0.75 and 0 with the lowest dropped → 0.875; Exam 0.8 → 0.35 + 0.48 = 0.83.
    expect(html).toContain('83%');
    expect(html).toContain('Passed on');
    expect(html).toContain('Pass mark 60%');
    const charts = [...html.matchAll(/<svg class="bar-chart"[^>]*role="img"[^>]*aria-labelledby="([^"]+)"/g)];
    expect(charts).toHaveLength(3);
    for (const [, ids] of charts) {
      for (const id of ids!.split(' ')) expect(html).toMatch(new RegExp(`<(title|desc) id="${id}">`));
    }
    expect(html).toContain('<caption>Your best score in each quiz of Homework</caption>');
    expect(html).toContain('Dropped as one of the lowest');
    expect(html).toContain('Practice quizzes');
    expect(html).toContain('Quizzes that do not count');
    expect(html).toContain(`href="/learn/${key}/${RUN}/quizzes/`);
    expect(Buffer.byteLength(html)).toBeLessThan(40_000);
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    levels.reduce((previous, level) => {
      expect(level - previous).toBeLessThanOrEqual(1);
      return level;
    });
  });

  it('grows its bars from the right in Arabic', async () => {
    const html = (await w.get('enrolled', progress(), { 'accept-language': 'ar' })).body;
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('direction="rtl"');
    expect(html).toContain('درجة النجاح');
    const bar = /<rect class="chart-bar" x="([\d.]+)"[^>]*width="([\d.]+)"/.exec(html)!;
    // The plot ends 198 units from the right edge of a 640-wide chart.
    expect(Number(bar[1]) + Number(bar[2])).toBeCloseTo(640 - 198, 0);
  });
});

describe('the gradebook page', () => {
  it('lists learners with scores, links the CSV and offers overrides to those who grade', async () => {
    const html = (await w.get('assistant', gradebook())).body;
    expect(html).toContain('Amina Okafor');
    expect(html).toContain('Bao Chen');
    expect(html).toContain('Final exam (5 points)');
    expect(html).toContain(`href="${gradebook('.csv')}"`);
    expect(html).toContain('<thead>');
    expect(html).toContain('Override the grade of Bao Chen');
    const admin = (await w.get('ownerAdmin', gradebook())).body;
    expect(admin).not.toContain('Override the grade of');
    expect(admin).toContain('only the teaching team can override');
  });

  it('filters with a GET form and pages', async () => {
    const passed = (await w.get('lead', gradebook('?status=passed'))).body;
    expect(passed).toContain('Amina Okafor');
    expect(passed).not.toContain('Bao Chen');
    const byName = (await w.get('lead', gradebook('?q=chen&type=Exam'))).body;
    expect(byName).toContain('Bao Chen');
    expect(byName).not.toContain('Amina Okafor');
    expect(byName).not.toContain('Homework 1 (');
    const odd = await w.get('lead', gradebook('?status=maybe&page=abc'));
    expect(odd.statusCode).toBe(200);
    const tooLong = await w.get('lead', gradebook(`?q=${'x'.repeat(300)}`));
    expect(tooLong.statusCode).toBe(400);
  });

  it('overrides a grade, audits it and comes back to the same filters', async () => {
    const uuid = w.enrolled.learner.enrollment.uuid;
    const response = await w.post('lead', gradebook(`/${uuid}/override`), {
      grade: '91,5',
      reason: 'Oral examination',
      back: '?q=amina&page=1&evil=1',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(gradebook('?q=amina&notice=overridden'));
    const page = (await w.get('lead', String(response.headers.location))).body;
    expect(page).toContain('The grade was overridden.');
    expect(page).toContain('Override: 91.5% (computed 83%)');
    const [audit] = await listAuditEvents(w.ctx.platform.db, { action: 'grade.override_set', objectId: uuid });
    expect(audit).toMatchObject({ actorId: w.visitors.lead.userId, after: { override: 0.915 } });
    const cleared = await w.post('lead', gradebook(`/${uuid}/override`), { grade: '', reason: 'Wrong learner' });
    expect(cleared.headers.location).toBe(gradebook('?notice=cleared'));
  });

  it('shows a refused override again in its row with a 400', async () => {
    const uuid = w.otherLearner.learner.enrollment.uuid;
    for (const form of [
      { grade: '150', reason: 'Too much' },
      { grade: 'lots', reason: 'Not a number' },
      { grade: '50', reason: 'no' },
    ]) {
      const response = await w.post('assistant', gradebook(`/${uuid}/override`), form);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('Enter a grade from 0 to 100 %');
      expect(response.body).toContain(`value="${form.grade}"`);
      expect(response.body).toMatch(/<details open>/);
    }
  });

  it('refuses a form without its CSRF token', async () => {
    const response = await w.ctx.app.inject({
      method: 'POST',
      url: gradebook(`/${w.otherLearner.learner.enrollment.uuid}/override`),
      headers: { cookie: w.visitors.lead.cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grade=10&reason=forged',
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('the gradebook CSV', () => {
  it('is an attachment in UTF-8 with a byte-order mark and translated column titles', async () => {
    const response = await w.get('instructor', gradebook('.csv'));
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="gradebook-${key}-SP.csv"; filename*=UTF-8''gradebook-${key}-SP.csv`,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.startsWith('\uFEFFLearner ID,Name,Email,Enrollment mode,Homework 1,')).toBe(true);
    expect(response.body.split('\r\n').filter(Boolean)).toHaveLength(3);
    const chinese = await w.get('instructor', gradebook('.csv'), { 'accept-language': 'zh-Hans' });
    expect(chinese.body.startsWith('\uFEFF学习者 ID,姓名,')).toBe(true);
  });
});
