import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XSS_FAMILIES, XSS_PAYLOADS, markPayload } from '../../../../test/support/xss-corpus.ts';
import { createForumWorld, openingPostIdOf, replyTo, startThread, userIdOf, type ForumWorld } from './test-world.ts';

/*
 * The forms when something is wrong: refused input comes back with its messages and what was
 * typed; learners' words never become markup; every page carries the content security policy.
 */

let forum: ForumWorld;
let threadId: number;
beforeAll(async () => {
  forum = await createForumWorld();
  threadId = await startThread(forum, 'learner', { title: 'Forms thread', body: 'The first words.' });
});
afterAll(() => forum.close());

describe('refused input', () => {
  it('re-renders the new thread form with a message per field, keeping what was typed (422)', async () => {
    const response = await forum.post('learner', `${forum.paths.forum()}/threads`, {
      topic: 'general',
      kind: 'question',
      title: '',
      body: 'My words stay here.',
      language: 'fr',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Write a title of 3 to 200 characters.');
    expect(response.body).toContain('href="#thread-title"');
    expect(response.body).toMatch(/id="thread-title"[^>]*aria-invalid="true"/);
    expect(response.body).toContain('My words stay here.');
    expect(response.body).toMatch(/<option value="fr" selected>/);
    expect(response.body).toMatch(/id="thread-kind-question"[^>]*checked/);
  });

  it('names the topic when it is not one of the forum’s', async () => {
    const response = await forum.post('learner', `${forum.paths.forum()}/threads`, {
      topic: 'section:nowhere',
      title: 'A fine title',
      body: 'Words.',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Choose one of the topics of this forum.');
  });

  it('preselects the topic asked for in the address', async () => {
    const response = await forum.get('learner', `${forum.paths.newThread()}?topic=nope`);
    expect(response.body).toMatch(/<option value="general" selected>/);
  });

  it('re-renders the thread with the reply form’s message when a reply is empty', async () => {
    const response = await forum.post('classmate', `${forum.paths.thread(threadId)}/replies`, { body: '   ' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Write your post, in at most 20,000 characters.');
    expect(response.body).toMatch(/id="reply-body"[^>]*aria-invalid="true"/);
  });

  it('opens the comment form again with its message when a comment is empty', async () => {
    const replyId = await replyTo(forum, 'classmate', threadId, 'A reply to comment on.');
    const response = await forum.post('learner', `${forum.paths.thread(threadId)}/replies`, {
      body: '',
      parentId: String(replyId),
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toMatch(/<details class="forum-disclosure forum-comment-form" open>/);
    expect(response.body).toMatch(new RegExp(`id="comment-body-${replyId}"[^>]*aria-invalid="true"`));
  });

  it('edits one’s own post, refusing an empty one', async () => {
    const openingId = await openingPostIdOf(forum, 'learner', threadId);
    const editPath = `${forum.paths.forum()}/posts/${openingId}/edit`;
    const form = await forum.get('learner', `${editPath}?thread=${threadId}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('The first words.');
    const empty = await forum.post('learner', editPath, { body: '', thread: String(threadId) });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Write your post, in at most 20,000 characters.');
    const saved = await forum.post('learner', editPath, {
      body: 'Better words.',
      thread: String(threadId),
      next: forum.paths.thread(threadId),
    });
    expect(saved.headers.location).toBe(`${forum.paths.thread(threadId)}?done=edited#post-${openingId}`);
    const page = await forum.get('classmate', forum.paths.thread(threadId));
    expect(page.body).toContain('Better words.');
    expect(page.body).toContain('edited');
  });

  it('never sends a form back anywhere but the forum', async () => {
    const openingId = await openingPostIdOf(forum, 'learner', threadId);
    const vote = await forum.post('classmate', `${forum.paths.forum()}/posts/${openingId}/vote`, {
      up: '1',
      next: 'https://evil.example/',
    });
    expect(vote.headers.location).toBe(`${forum.paths.forum()}?done=voted#post-${openingId}`);
  });
});

describe('a muted learner', () => {
  it('is muted through the members page, told why, refused, and unmuted', async () => {
    const classmateId = await userIdOf(forum, 'classmate');
    const members = `${forum.paths.forum()}/members`;
    const chosen = await forum.get('lead', `${members}?user=${classmateId}`);
    expect(chosen.statusCode).toBe(200);
    expect(chosen.body).toContain('id="mute-hours"');

    const noHours = await forum.post('lead', members, { userId: classmateId, action: 'mute', hours: '', reason: 'x' });
    expect(noHours.statusCode).toBe(422);
    expect(noHours.body).toContain('Give a whole number of hours, from 1 to 2,160.');

    const muted = await forum.post('lead', members, {
      userId: classmateId,
      action: 'mute',
      hours: '2',
      reason: 'Cooling off',
    });
    expect(muted.headers.location).toBe(`${members}?user=${classmateId}&done=standing`);
    const list = await forum.get('lead', members);
    expect(list.body).toContain('Cooling off');

    const page = await forum.get('classmate', forum.paths.thread(threadId));
    expect(page.body).toContain('A moderator muted you');
    expect(page.body).toContain('Reason given: Cooling off');
    const refused = await forum.post('classmate', `${forum.paths.thread(threadId)}/replies`, { body: 'Let me talk.' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('You are muted: you cannot post or vote until your mute ends.');

    const notLearner = await forum.post('lead', members, {
      userId: await userIdOf(forum, 'assistant'),
      action: 'unmute',
    });
    expect(notLearner.statusCode).toBe(422);
    expect(notLearner.body).toContain('This person is not a learner of this run.');

    await forum.post('lead', members, { userId: classmateId, action: 'unmute' });
    const after = await forum.get('classmate', forum.paths.thread(threadId));
    expect(after.body).not.toContain('A moderator muted you');
  });

  it('is refused a reply in a locked thread with a message, keeping the text', async () => {
    const locked = await startThread(forum, 'classmate', { title: 'Soon locked' });
    const lock = await forum.post('lead', `${forum.paths.thread(locked)}/state`, { change: 'lock' });
    expect(lock.headers.location).toContain('done=locked');
    const page = await forum.get('classmate', forum.paths.thread(locked));
    expect(page.body).toContain('This thread is locked: no one can post in it.');
    expect(page.body).not.toContain('id="reply-body"');
    const refused = await forum.post('classmate', `${forum.paths.thread(locked)}/replies`, { body: 'Too late?' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('This thread is locked: no one can post or vote in it.');
  });
});

describe('learners’ words', () => {
  it('never become markup: scripts and javascript: links are inert', async () => {
    const id = await startThread(forum, 'learner', {
      title: '<script>alert(1)</script> title',
      body: '<script>alert(1)</script>\n\n[x](javascript:alert(1)) and <img src=x onerror=alert(1)>',
    });
    for (const who of ['learner', 'classmate', 'lead'] as const) {
      for (const url of [forum.paths.thread(id), forum.paths.forum()]) {
        const page = await forum.get(who, url);
        expect(page.statusCode).toBe(200);
        expect(page.body).not.toContain('<script>alert(1)');
        expect(page.body).not.toMatch(/href="\s*javascript:/i);
        expect(page.body).not.toMatch(/<img[^>]*onerror/i);
        expect(page.body).toContain('&lt;script>alert(1)&lt;/script> title');
      }
    }
  });

  it('renders a sample of every payload family without script or event handlers', async () => {
    const sources = XSS_FAMILIES.flatMap((family) =>
      XSS_PAYLOADS.filter((payload) => payload.family === family).slice(0, 3),
    ).map((payload) => markPayload(payload.source, 'x'));
    const id = await startThread(forum, 'learner', { title: 'Payloads', body: 'Payloads follow.' });
    for (const source of sources) await replyTo(forum, 'classmate', id, source);
    const page = await forum.get('learner', forum.paths.thread(id));
    const main = page.body.slice(page.body.indexOf('<main'));
    expect(main).not.toMatch(/<script/i);
    // Only real tags count: escaped text may well read like markup.
    const tags = main.match(/<[a-z][^<>]*>/gi) ?? [];
    const unquoted = tags.map((tag) => tag.replace(/"[^"]*"/g, '""'));
    expect(unquoted.filter((tag) => /\son[a-z]+\s*=/i.test(tag))).toEqual([]);
    expect(tags.filter((tag) => /\s(href|src|action|formaction)="\s*(javascript|vbscript|data):/i.test(tag))).toEqual(
      [],
    );
  });
});

describe('every forum page', () => {
  it('carries the content security policy', async () => {
    const openingId = await openingPostIdOf(forum, 'learner', threadId);
    const pages: Array<[Parameters<ForumWorld['get']>[0], string]> = [
      ['learner', forum.paths.forum()],
      ['learner', forum.paths.newThread()],
      ['learner', forum.paths.thread(threadId)],
      ['learner', `${forum.paths.forum()}/posts/${openingId}/edit?thread=${threadId}`],
      ['lead', `${forum.paths.forum()}/moderation`],
      ['lead', `${forum.paths.forum()}/moderation?view=hidden`],
      ['lead', `${forum.paths.forum()}/members`],
      ['stranger', forum.paths.forum()],
    ];
    for (const [who, url] of pages) {
      const response = await forum.get(who, url);
      const policy = String(response.headers['content-security-policy']);
      expect(policy, url).toContain("script-src 'self'");
      expect(policy, url).toContain("object-src 'none'");
    }
    const refused = await forum.post('learner', `${forum.paths.forum()}/threads`, { title: '' });
    expect(refused.statusCode).toBe(422);
    expect(String(refused.headers['content-security-policy'])).toContain("default-src 'self'");
  });
});
