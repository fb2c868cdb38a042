import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEARN_ROLES, createLearnWorld, type LearnRole, type LearnWorld } from '../../pages/learn/test-world.ts';

let http: LearnWorld;

beforeAll(async () => {
  http = await createLearnWorld();
});
afterAll(() => http.close());

const READ: Record<LearnRole, number> = {
  anonymous: 401,
  stranger: 403,
  otherRun: 403,
  author: 403,
  assistant: 200,
  ownerAdmin: 200,
  lead: 200,
  learner: 200,
};

describe('who may call the courseware operations', () => {
  it.each(LEARN_ROLES)('getCourseOutline (GET .../outline) for %s', async (role) => {
    const response = await http.api(role, 'GET', `${http.paths.apiRun()}/outline`);
    expect(response.statusCode).toBe(READ[role]);
  });

  it.each(LEARN_ROLES)('getUnit (GET .../units/:unitKey) for %s', async (role) => {
    const response = await http.api(role, 'GET', `${http.paths.apiRun()}/units/${http.world.units.practice.key}`);
    expect(response.statusCode).toBe(READ[role]);
  });

  it.each(LEARN_ROLES)('reportBlockProgress (POST .../progress) for %s, learners only', async (role) => {
    const response = await http.api(
      role,
      'POST',
      `${http.paths.apiRun()}/blocks/${http.world.blocks.video.key}/progress`,
      {
        ranges: [[0, 5]],
      },
    );
    expect(response.statusCode).toBe(role === 'learner' ? 200 : role === 'anonymous' ? 401 : 403);
  });

  it('refuses a cookie-signed write from another site', async () => {
    const response = await http.ctx.app.inject({
      method: 'POST',
      url: `${http.paths.apiRun()}/blocks/${http.world.blocks.video.key}/progress`,
      headers: {
        cookie: http.sessions.learner.cookies,
        origin: 'https://evil.example',
        'content-type': 'application/json',
      },
      payload: '{"complete":true}',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'cross_site_write' });
  });
});

describe('the outline and units as JSON', () => {
  it('gives the outline with completion, progress and the run', async () => {
    const learner = await http.newLearner();
    await http.api(learner, 'GET', `${http.paths.apiRun()}/units/${http.world.units.welcome.key}`);
    const outline = (await http.api(learner, 'GET', `${http.paths.apiRun()}/outline`)).json();
    expect(outline).toMatchObject({
      course: { key: http.world.key, title: { en: 'Climate Data 101' } },
      run: { code: 'SP', pacing: 'self_paced' },
      reader: 'learner',
      phase: 'open',
      progress: { completedBlocks: 3, totalBlocks: 7 },
      resumeUnitKey: http.world.units.welcome.key,
    });
    expect(outline.sections[0].units[0].blocks[0]).toEqual({
      key: http.world.blocks.text.key,
      uuid: http.world.blocks.text.uuid,
      type: 'text',
      title: 'Read me',
      completed: true,
    });
  });

  it('gives a unit’s blocks with media addresses and nothing internal', async () => {
    const body = (
      await http.api('learner', 'GET', `${http.paths.apiRun()}/units/${http.world.units.welcome.key}`)
    ).json();
    expect(body.next).toEqual({ key: http.world.units.practice.key, title: 'Practice' });
    const video = body.blocks.find((block: { type: string }) => block.type === 'video');
    expect(video).toMatchObject({
      sourceUrl: 'https://video.example.org/lecture.mp4',
      posterUrl: expect.stringMatching(/^\/media\//),
      captions: [
        { language: 'en', label: 'English', url: expect.stringMatching(/^\/media\//) },
        { language: 'zh-Hans', label: '中文', url: expect.stringMatching(/^\/media\//) },
      ],
      downloadable: true,
      durationSeconds: 100,
    });
    expect(JSON.stringify(body)).not.toMatch(/entityId|versionId|enrollment/);
  });

  it('answers 403 courseware.not_started before a scheduled run starts', async () => {
    const response = await http.api(
      'otherRun',
      'GET',
      `${http.paths.apiRun('LATER')}/units/${http.world.units.welcome.key}`,
    );
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'courseware.not_started' });
    expect((await http.api('otherRun', 'GET', `${http.paths.apiRun('LATER')}/outline`)).json()).toMatchObject({
      phase: 'not_started',
    });
  });
});

describe('reporting progress', () => {
  it('merges ranges and completes the video at 90 %', async () => {
    const learner = await http.newLearner();
    const url = `${http.paths.apiRun()}/blocks/${http.world.blocks.video.key}/progress`;
    const first = await http.api(learner, 'POST', url, { ranges: [[0, 50]], positionSeconds: 50 });
    expect(first.json()).toMatchObject({ completion: null, watched: { watchedSeconds: 50, fraction: 0.5 } });
    const second = await http.api(learner, 'POST', url, { ranges: [[40, 95]] });
    expect(second.json()).toMatchObject({
      blockKey: http.world.blocks.video.key,
      type: 'video',
      completion: { kind: 'watched', completedAt: expect.any(String) },
      newlyCompleted: true,
    });
  });

  it('validates the body with a 400 listing each field', async () => {
    const url = `${http.paths.apiRun()}/blocks/${http.world.blocks.video.key}/progress`;
    for (const body of [
      { ranges: [[0, -1]] },
      { ranges: [[0]] },
      { durationSeconds: 0 },
      { complete: false },
      { extra: true },
      { ranges: Array.from({ length: 501 }, () => [0, 1]) },
    ]) {
      const response = await http.api('learner', 'POST', url, body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(response.json().errors.length).toBeGreaterThan(0);
    }
  });

  it('answers 409 for a quiz and for an ended run, 400 for ranges on a text', async () => {
    const { blocks } = http.world;
    const quiz = await http.api('learner', 'POST', `${http.paths.apiRun()}/blocks/${blocks.quiz.key}/progress`, {
      complete: true,
    });
    expect(quiz.statusCode).toBe(409);
    const ended = await http.api(
      'learner',
      'POST',
      `${http.paths.apiRun('PAST')}/blocks/${blocks.video.key}/progress`,
      {
        complete: true,
      },
    );
    expect(ended.json()).toMatchObject({ status: 409, code: 'courseware.run_ended' });
    const text = await http.api('learner', 'POST', `${http.paths.apiRun()}/blocks/${blocks.text.key}/progress`, {
      ranges: [[0, 1]],
    });
    expect(text.json()).toMatchObject({ status: 400, code: 'courseware.not_a_video' });
  });
});
