import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEARN_ROLES, createLearnWorld, type LearnRole, type LearnWorld } from './test-world.ts';

let http: LearnWorld;

beforeAll(async () => {
  http = await createLearnWorld();
});
afterAll(() => http.close());

const SIGN_IN = 'sign-in';

/** What each role gets; 'sign-in' is a 303 to the sign-in page. */
type Table = Record<LearnRole, number | typeof SIGN_IN>;

function expectAnswer(
  role: LearnRole,
  response: { statusCode: number; headers: Record<string, unknown> },
  want: Table[LearnRole],
) {
  if (want === SIGN_IN) {
    expect(response.statusCode, role).toBe(303);
    expect(String(response.headers.location), role).toMatch(/^\/sign-in\?next=/);
  } else {
    expect(response.statusCode, role).toBe(want);
  }
}

const READERS: Table = {
  anonymous: SIGN_IN,
  stranger: 403,
  otherRun: 403,
  author: 403,
  assistant: 200,
  ownerAdmin: 200,
  lead: 200,
  learner: 200,
};

describe('who may open the learn pages', () => {
  it.each(LEARN_ROLES)('GET /learn (My learning) for %s', async (role) => {
    const response = await http.get(role, '/learn');
    expectAnswer(role, response, role === 'anonymous' ? SIGN_IN : 200);
  });

  it.each(LEARN_ROLES)('GET /learn/:courseKey/:runCode (outline) for %s', async (role) => {
    expectAnswer(role, await http.get(role, http.paths.outline()), READERS[role]);
  });

  it.each(LEARN_ROLES)('GET /learn/:courseKey/:runCode/resume for %s', async (role) => {
    const response = await http.get(role, `${http.paths.outline()}/resume`);
    const want = READERS[role] === 200 ? 303 : READERS[role];
    expectAnswer(role, response, want);
    if (want === 303) expect(response.headers.location).toMatch(/\/units\//);
  });

  it.each(LEARN_ROLES)('GET /learn/:courseKey/:runCode/units/:unitKey for %s', async (role) => {
    const units = http.world.units;
    expectAnswer(role, await http.get(role, http.paths.unit(units.practice.key)), READERS[role]);
  });

  it.each(LEARN_ROLES)('POST .../units/:unitKey/blocks/:blockKey/complete for %s', async (role) => {
    const { units, blocks } = http.world;
    const response = await http.post(role, http.paths.complete(units.welcome.key, blocks.video.key));
    const want: Table[LearnRole] = role === 'anonymous' ? SIGN_IN : role === 'learner' ? 303 : 403;
    expectAnswer(role, response, want);
  });

  it.each(LEARN_ROLES)('POST /preferences/data-saver for %s', async (role) => {
    const response = await http.post(role, '/preferences/data-saver', { enabled: '1', next: '/learn' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/learn');
  });

  it('answers 404 for courses, runs and units that do not exist, whatever their address holds', async () => {
    const { key } = http.world;
    for (const url of [
      '/learn/no-such-course/SP',
      `/learn/${key}/NOPE`,
      `/learn/${key}/SP/units/unit-missing`,
      `/learn/${key}/SP/units/%00`,
      `/learn/Bad%20Key/SP/units/x`,
      `/learn/${key}/%E2%80%AE/resume`,
    ]) {
      expect((await http.get('learner', url)).statusCode, url).toBe(404);
    }
    const missing = await http.post('learner', http.paths.complete(http.world.units.welcome.key, 'block-missing'));
    expect(missing.statusCode).toBe(404);
  });

  it('refuses a form posted without its CSRF token', async () => {
    const response = await http.ctx.app.inject({
      method: 'POST',
      url: http.paths.complete(http.world.units.welcome.key, http.world.blocks.video.key),
      headers: { cookie: http.sessions.learner.cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('My learning', () => {
  it('lists current and finished runs with progress bars and resume links', async () => {
    const html = (await http.get('learner', '/learn')).body;
    expect(html).toContain('<h1>My learning</h1>');
    expect(html).toContain(`href="${http.paths.outline()}/resume"`);
    expect(html).toContain('<progress');
    expect(html).toMatch(/Finished courses[\s\S]*Run PAST/);
    expect(html).toContain('credentials page');
  });

  it('invites someone without enrollments to the catalog', async () => {
    const html = (await http.get('stranger', '/learn')).body;
    expect(html).toContain('href="/courses"');
  });
});

describe('the outline page', () => {
  it('shows completion marks, progress per section and a resume button', async () => {
    const learner = await http.newLearner();
    await http.get(learner, http.paths.unit(http.world.units.welcome.key));
    const html = (await http.get(learner, http.paths.outline())).body;
    expect(html).toContain('3 of 5 completed (60%)');
    expect(html).toContain('0 of 2 completed (0%)');
    expect(html).toContain('✓');
    expect(html).toContain('>Resume<');
    expect(html).toContain('Last visited');
  });

  it('says when a scheduled run starts, keeps the outline and holds the units back', async () => {
    const outline = await http.get('otherRun', http.paths.outline('LATER'));
    expect(outline.statusCode).toBe(200);
    expect(outline.body).toContain('This run starts on');
    expect(outline.body).not.toContain('/resume"');
    const unit = await http.get('otherRun', http.paths.unit(http.world.units.welcome.key, 'LATER'));
    expect(unit.statusCode).toBe(403);
    expect(unit.body).toContain('Not started yet');
    expect(unit.body).toContain('This run starts on');
  });

  it('tells staff they are previewing', async () => {
    const html = (await http.get('assistant', http.paths.outline())).body;
    expect(html).toContain('previewing this run as course staff');
  });
});

describe('resume', () => {
  it('goes to the first unit, then to the last one opened', async () => {
    const learner = await http.newLearner();
    const { units } = http.world;
    const first = await http.get(learner, `${http.paths.outline()}/resume`);
    expect(first.headers.location).toBe(http.paths.unit(units.welcome.key));
    await http.get(learner, http.paths.unit(units.wrapUp.key));
    const again = await http.get(learner, `${http.paths.outline()}/resume`);
    expect(again.headers.location).toBe(http.paths.unit(units.wrapUp.key));
  });
});

describe('marking a block complete without script', () => {
  it('completes the block and returns to it in its unit', async () => {
    const learner = await http.newLearner();
    const { units, blocks } = http.world;
    const before = (await http.get(learner, http.paths.unit(units.welcome.key))).body;
    expect(before).toContain(`action="${http.paths.complete(units.welcome.key, blocks.video.key)}"`);
    const response = await http.post(learner, http.paths.complete(units.welcome.key, blocks.video.key));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${http.paths.unit(units.welcome.key)}#block-${blocks.video.key}`);
    const after = (await http.get(learner, http.paths.unit(units.welcome.key))).body;
    expect(after).not.toContain('Mark as complete');
  });

  it('refuses a quiz and an ended run with a clear answer', async () => {
    const { units, blocks } = http.world;
    expect((await http.post('learner', http.paths.complete(units.practice.key, blocks.quiz.key))).statusCode).toBe(409);
    const ended = await http.post('learner', http.paths.complete(units.welcome.key, blocks.video.key, 'PAST'));
    expect(ended.statusCode).toBe(409);
  });
});

describe('the data saver preference', () => {
  it('sets a cookie for a year and rejects anything but on or off', async () => {
    const response = await http.post('learner', '/preferences/data-saver', { enabled: '1', next: '//evil.test' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    expect(String(response.headers['set-cookie'])).toMatch(/orbis_data_saver=1;.*Max-Age=31536000/);
    expect((await http.post('learner', '/preferences/data-saver', { enabled: 'yes' })).statusCode).toBe(400);
  });
});
