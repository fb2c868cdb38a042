import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSection, addUnit, createRun, getDraftTree } from '../../../modules/courses/index.ts';
import { createLearnWorld, type LearnWorld } from './test-world.ts';

let http: LearnWorld;
let welcome: string;

beforeAll(async () => {
  http = await createLearnWorld();
  welcome = http.paths.unit(http.world.units.welcome.key);
});
afterAll(() => http.close());

function videoTag(html: string): string {
  return /<video[^>]*>/.exec(html)?.[0] ?? '';
}

describe('a video in a unit', () => {
  it('plays natively with every caption track, the page’s language on by default', async () => {
    const html = (await http.get('learner', welcome)).body;
    expect(videoTag(html)).toContain('preload="metadata"');
    expect(videoTag(html)).toContain('poster="/media/');
    expect(html).toMatch(/<track kind="captions" srclang="en" label="English" src="\/media\/[^"]+" default\/>/);
    expect(html).toMatch(/<track kind="captions" srclang="zh-Hans" label="中文" src="\/media\/[^"]+"\/>/);
    const chinese = (await http.get('learner', welcome, { 'accept-language': 'zh-CN' })).body;
    expect(chinese).toMatch(/srclang="zh-Hans" label="中文" src="\/media\/[^"]+" default\/>/);
    expect(chinese).not.toMatch(/srclang="en"[^>]*default/);
  });

  it('has a transcript of timed lines per language, a speed control and the download link', async () => {
    const html = (await http.get('learner', welcome)).body;
    expect(html).toContain('Transcript (English)');
    expect(html).toContain('Transcript (中文)');
    expect(html).toMatch(
      /<a href="https:\/\/video\.example\.org\/lecture\.mp4#t=0\.8" data-start="0\.8" data-end="4\.178"><span class="cue-time" dir="ltr">0:00<\/span> Welcome to Climate Data/,
    );
    expect(html).toMatch(/<label for="speed-[^"]+">Playback speed<\/label>/);
    expect(html).toContain('data-island="video-player"');
    expect(html).toContain(`data-progress-url="${http.paths.apiRun()}/blocks/${http.world.blocks.video.key}/progress"`);
    expect(html).toMatch(/<a href="https:\/\/video\.example\.org\/lecture\.mp4" download>Download the video<\/a>/);
  });

  it('resumes where the learner stopped and says how much they watched', async () => {
    const learner = await http.newLearner();
    const url = `${http.paths.apiRun()}/blocks/${http.world.blocks.video.key}/progress`;
    await http.api(learner, 'POST', url, { ranges: [[0, 42]], positionSeconds: 42 });
    const html = (await http.get(learner, welcome)).body;
    expect(html).toContain('data-position="42"');
    expect(html).toContain('42% watched');
  });
});

describe('the data saver', () => {
  it('follows Save-Data: on, and the learner’s choice over it', async () => {
    const saving = (await http.get('learner', welcome, { 'save-data': 'on' })).body;
    expect(videoTag(saving)).toContain('preload="none"');
    expect(saving).toContain('<details class="transcript" open>');
    expect(saving).toContain('Data saver is on.');
    const cookies = `${http.sessions.learner.cookies}; orbis_data_saver=0`;
    const declined = (await http.get('learner', welcome, { 'save-data': 'on', cookie: cookies })).body;
    expect(videoTag(declined)).toContain('preload="metadata"');
  });

  it('is switched on by its form and stays on', async () => {
    const learner = await http.newLearner();
    const response = await http.post(learner, '/preferences/data-saver', { enabled: '1', next: welcome });
    expect(response.headers.location).toBe(welcome);
    const cookie = `${learner.cookies}; ${String(response.headers['set-cookie']).split(';')[0]}`;
    const html = (await http.get(learner, welcome, { cookie })).body;
    expect(videoTag(html)).toContain('preload="none"');
    expect(html).toContain('name="enabled" value="0"');
  });
});

describe('quizzes in a unit', () => {
  it('appear as a card with the learner’s status and a link to the quiz page', async () => {
    const html = (await http.get('learner', http.paths.unit(http.world.units.practice.key))).body;
    expect(html).toContain('Graded: Homework · 4 questions · 5 points');
    expect(html).toContain('0 of 2 used');
    expect(html).toContain(`href="/learn/${http.world.key}/SP/quizzes/${http.world.blocks.quiz.key}"`);
    expect(html).not.toContain('Mark as complete');
    expect(html).not.toContain('Which gas?');
  });
});

describe('a discussion block', () => {
  it('is written and edited in the studio, published, and leads learners to its forum topic', async () => {
    const { key } = http.world;
    const { ctx } = http.world.cast.leadInstructor;
    const section = await addSection(ctx, key, { title: 'Week 3' });
    const unit = await addUnit(ctx, key, section.key, { title: 'Your turn' });
    const created = await http.post('author', `/studio/courses/${key}/units/${unit.key}/blocks`, {
      type: 'discussion',
      title: 'Materials where you live',
      prompt: 'What is *repaired* near you?',
    });
    expect(created.statusCode, created.body.slice(0, 300)).toBe(303);
    const tree = await getDraftTree(http.world.cast.author.ctx, key);
    const block = tree.sections.at(-1)!.units[0]!.blocks[0]!;
    expect(block.block).toEqual({
      type: 'discussion',
      title: 'Materials where you live',
      prompt: 'What is *repaired* near you?',
    });
    const edited = await http.post('author', `/studio/courses/${key}/blocks/${block.key}`, {
      title: 'Materials where you live',
      prompt: 'Which materials are **reused or repaired** where you live?',
    });
    expect(edited.statusCode, edited.body.slice(0, 300)).toBe(303);
    const published = await http.post('lead', `/studio/courses/${key}/releases`, { message: 'A discussion' });
    expect(published.headers.location).not.toContain('nothing-to-publish');
    // The shared runs keep serving the first release; a new run serves the one just published.
    const run = await createRun(ctx, key, { code: 'TALK', pacing: 'self_paced', language: 'en' });
    const learner = await http.newLearner([run]);

    const html = (await http.get(learner, http.paths.unit(unit.key, 'TALK'))).body;
    expect(html).toContain('<h2 id="block-' + block.key + '">Materials where you live');
    expect(html).toContain('Which materials are <strong>reused or repaired</strong> where you live?');
    expect(html).toContain(
      `<a class="button" href="/learn/${key}/TALK/forum?topic=block:${block.key}">See the discussion</a>`,
    );
    expect(html).toContain(
      `<a class="button button-secondary" href="/learn/${key}/TALK/forum/new?topic=block:${block.key}">Start a thread</a>`,
    );
    expect(html).toContain('(completed)');
    expect(html).not.toContain('Mark as complete');

    const api = await http.api(learner, 'GET', `${http.paths.apiRun('TALK')}/units/${unit.key}`);
    expect(api.statusCode).toBe(200);
    expect(api.json().blocks).toEqual([
      expect.objectContaining({
        key: block.key,
        type: 'discussion',
        prompt: 'Which materials are **reused or repaired** where you live?',
        topic: `block:${block.key}`,
        completion: expect.objectContaining({ kind: 'viewed' }),
      }),
    ]);
  });
});

describe('previews and ended runs', () => {
  it('show staff the unit without forms, reports or statuses', async () => {
    const html = (await http.get('assistant', welcome)).body;
    expect(html).toContain('previewing this run as course staff');
    expect(html).not.toContain('data-progress-url');
    expect(html).not.toContain('Mark as complete');
    expect(html).not.toContain('✓');
  });

  it('keep an ended run readable, saying nothing is recorded any more', async () => {
    const html = (await http.get('learner', http.paths.unit(http.world.units.welcome.key, 'PAST'))).body;
    expect(html).toContain('This run ended on');
    expect(html).not.toContain('data-progress-url');
    expect(html).not.toContain('Mark as complete');
  });
});

describe('the weight of a unit page', () => {
  it('stays within 50 KiB on a first visit, compressed, video excluded', async () => {
    const compressed = { 'accept-encoding': 'br, gzip' };
    const page = await http.get('learner', welcome, compressed);
    expect(page.headers['content-encoding']).toBe('br');
    const html = (await http.get('learner', welcome)).body;
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    let bytes = page.rawPayload.length;
    for (const asset of assets) bytes += (await http.get('anonymous', asset, compressed)).rawPayload.length;
    expect(bytes).toBeLessThanOrEqual(50 * 1024);
  });
});
