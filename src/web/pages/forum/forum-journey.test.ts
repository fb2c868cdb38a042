import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForumWorld, openingPostIdOf, postIdIn, threadIdIn, type ForumWorld } from './test-world.ts';

/*
 * A conversation without script, through the forms only: a learner asks, a classmate replies and
 * upvotes, the learner follows, the classmate reports a reply, a teaching assistant hides it
 * with a reason; the author then sees why, and everyone else a placeholder.
 */

let forum: ForumWorld;
beforeAll(async () => {
  forum = await createForumWorld();
});
afterAll(() => forum.close());

/** The page's status message (role="status"), as text. */
function statusText(html: string): string {
  const match = /role="status"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  return match ? match[1]!.replace(/<[^>]+>/g, '').trim() : '';
}

describe('a thread from question to moderation', () => {
  let threadId: number;
  let openingId: number;
  let learnerReplyId: number;

  it('lets a learner ask a question, once however often the form is sent', async () => {
    const form = await forum.get('learner', forum.paths.newThread());
    expect(form.statusCode).toBe(200);
    const requestKey = /name="requestKey" value="([^"]+)"/.exec(form.body)?.[1];
    expect(requestKey).toBeTruthy();
    const fields = {
      topic: 'general',
      kind: 'question',
      title: 'Which dataset do we use in week 1?',
      body: 'I found **two** of them.',
      language: 'en',
      requestKey: requestKey!,
    };
    const first = await forum.post('learner', `${forum.paths.forum()}/threads`, fields);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toMatch(/\/forum\/threads\/\d+\?done=created$/);
    const again = await forum.post('learner', `${forum.paths.forum()}/threads`, fields);
    expect(threadIdIn(again.headers.location)).toBe(threadIdIn(first.headers.location));
    threadId = threadIdIn(first.headers.location);

    const page = await forum.get('learner', String(first.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Which dataset do we use in week 1?');
    expect(page.body).toContain('<strong>two</strong>');
    expect(statusText(page.body)).toBe('Your thread is posted.');
    openingId = await openingPostIdOf(forum, 'learner', threadId);

    const list = await forum.get('classmate', forum.paths.forum());
    expect(list.body).toContain(`href="${forum.paths.thread(threadId)}"`);
    expect(list.body).toContain('Question');
  });

  it('lets a classmate reply and upvote the question', async () => {
    const reply = await forum.post('classmate', `${forum.paths.thread(threadId)}/replies`, {
      body: 'The one in the Data portal block.',
      language: 'en',
    });
    expect(reply.statusCode).toBe(303);
    expect(reply.headers.location).toMatch(/\?done=replied#post-\d+$/);

    const vote = await forum.post('classmate', `${forum.paths.forum()}/posts/${openingId}/vote`, {
      up: '1',
      next: forum.paths.thread(threadId),
    });
    expect(vote.statusCode).toBe(303);
    expect(vote.headers.location).toBe(`${forum.paths.thread(threadId)}?done=voted#post-${openingId}`);
    const page = await forum.get('classmate', String(vote.headers.location));
    expect(statusText(page.body)).toBe('Your vote is counted.');
    expect(page.body).toContain('1 vote');
    expect(page.body).toContain('Take back my vote');
  });

  it('refuses a vote for one’s own post with a reason the learner understands', async () => {
    const vote = await forum.post('learner', `${forum.paths.forum()}/posts/${openingId}/vote`, {
      up: '1',
      next: forum.paths.thread(threadId),
    });
    expect(vote.headers.location).toContain('error=own_post');
    const page = await forum.get('learner', String(vote.headers.location));
    expect(page.body).toContain('role="alert"');
    expect(page.body).toContain('You cannot do that with your own post.');
  });

  it('lets the learner follow the thread and reply in it', async () => {
    const follow = await forum.post('learner', `${forum.paths.thread(threadId)}/follow`, {
      follow: '1',
      next: forum.paths.thread(threadId),
    });
    expect(follow.headers.location).toContain('done=followed');
    const page = await forum.get('learner', forum.paths.thread(threadId));
    expect(page.body).toContain('Stop following');

    const reply = await forum.post('learner', `${forum.paths.thread(threadId)}/replies`, {
      body: 'This dataset is rubbish and so are you.',
    });
    learnerReplyId = postIdIn(reply.headers.location);
  });

  it('lets the classmate report the reply, once', async () => {
    const form = await forum.get('classmate', forum.paths.thread(threadId));
    expect(form.body).toContain(`action="${forum.paths.forum()}/posts/${learnerReplyId}/flag"`);
    const flag = await forum.post('classmate', `${forum.paths.forum()}/posts/${learnerReplyId}/flag`, {
      reason: 'abuse',
      note: 'Rude to everyone.',
      next: forum.paths.thread(threadId),
    });
    expect(flag.headers.location).toBe(`${forum.paths.thread(threadId)}?done=flagged#post-${learnerReplyId}`);
    const page = await forum.get('classmate', String(flag.headers.location));
    expect(page.body).toContain('You reported this post.');
    const twice = await forum.post('classmate', `${forum.paths.forum()}/posts/${learnerReplyId}/flag`, {
      reason: 'abuse',
    });
    expect(twice.headers.location).toContain('error=already_flagged');
  });

  it('shows the report in the assistant’s queue, where they hide the reply with a reason', async () => {
    const queue = await forum.get('assistant', `${forum.paths.forum()}/moderation`);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Rude to everyone.');
    expect(queue.body).toContain('Abusive or offensive');

    const withoutReason = await forum.post('assistant', `${forum.paths.forum()}/posts/${learnerReplyId}/moderate`, {
      action: 'hide',
      next: forum.paths.thread(threadId),
    });
    expect(withoutReason.headers.location).toContain('error=reason');

    const hide = await forum.post('assistant', `${forum.paths.forum()}/posts/${learnerReplyId}/moderate`, {
      action: 'hide',
      reason: 'Insults are not allowed here',
      next: `${forum.paths.forum()}/moderation`,
    });
    expect(hide.statusCode).toBe(303);
    expect(hide.headers.location).toBe(`${forum.paths.forum()}/moderation?done=hide#post-${learnerReplyId}`);
    const after = await forum.get('assistant', String(hide.headers.location));
    expect(statusText(after.body)).toBe('The post is hidden, and its author was told why.');
    expect(after.body).toContain('No reported post is waiting for a moderator.');
    const hidden = await forum.get('assistant', `${forum.paths.forum()}/moderation?view=hidden`);
    expect(hidden.body).toContain('This dataset is rubbish');
  });

  it('shows the author their words with the notice, and the classmate only a placeholder', async () => {
    const author = await forum.get('learner', forum.paths.thread(threadId));
    expect(author.body).toContain('This dataset is rubbish');
    expect(author.body).toContain(
      'Hidden by a moderator: Insults are not allowed here. Only you and the moderators can see it.',
    );

    const classmate = await forum.get('classmate', forum.paths.thread(threadId));
    expect(classmate.body).not.toContain('This dataset is rubbish');
    expect(classmate.body).not.toContain('Insults are not allowed here');
    expect(classmate.body).toContain('This post was hidden by a moderator.');
    expect(classmate.body).toContain('The one in the Data portal block.');
  });

  it('lets the asker mark the classmate’s reply as the answer', async () => {
    const page = await forum.get('learner', forum.paths.thread(threadId));
    const replyId = Number(/<article id="post-(\d+)"[^>]*aria-label="Reply by/.exec(page.body)?.[1]);
    const answer = await forum.post('learner', `${forum.paths.thread(threadId)}/answer`, {
      postId: String(replyId),
      next: forum.paths.thread(threadId),
    });
    expect(answer.headers.location).toBe(`${forum.paths.thread(threadId)}?done=answered#post-${replyId}`);
    const list = await forum.get('classmate', `${forum.paths.forum()}?kind=question`);
    expect(list.body).toContain('Answered');
  });
});
