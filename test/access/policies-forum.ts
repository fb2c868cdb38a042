import type { Audience, RoutePolicy } from './route-policy.ts';

const TABLE = 'src/web/pages/forum/forum-access.test.ts';
const FORUM = '/learn/:courseKey/:runCode/forum';
const SAMPLE = '/learn/no-such-course/2027-T1/forum';

const route = (method: 'GET' | 'POST', rest: string, sample: string, audience: Audience): RoutePolicy => ({
  method,
  url: `${FORUM}${rest}`,
  sample: `${SAMPLE}${sample}`,
  audience,
  roleTable: TABLE,
});

/**
 * A run's forum pages: its active learners and the course staff who see learners read and post
 * ('enrolled'); everyone else signed in gets 404. The moderation queue, the members page and the
 * moderation actions are for moderators: that staff ('course-staff') and the learners staff made
 * community TAs; other readers get 403.
 */
export const FORUM_POLICIES: RoutePolicy[] = [
  route('GET', '', '', 'enrolled'),
  route('GET', '/new', '/new', 'enrolled'),
  route('POST', '/threads', '/threads', 'enrolled'),
  route('GET', '/threads/:threadId', '/threads/1', 'enrolled'),
  route('POST', '/threads/:threadId/replies', '/threads/1/replies', 'enrolled'),
  route('POST', '/threads/:threadId/follow', '/threads/1/follow', 'enrolled'),
  route('POST', '/threads/:threadId/state', '/threads/1/state', 'enrolled'),
  route('POST', '/threads/:threadId/answer', '/threads/1/answer', 'enrolled'),
  route('POST', '/posts/:postId/vote', '/posts/1/vote', 'enrolled'),
  route('POST', '/posts/:postId/flag', '/posts/1/flag', 'enrolled'),
  route('POST', '/posts/:postId/moderate', '/posts/1/moderate', 'course-staff'),
  route('POST', '/posts/:postId/endorse', '/posts/1/endorse', 'course-staff'),
  route('POST', '/posts/:postId/delete', '/posts/1/delete', 'enrolled'),
  route('GET', '/posts/:postId/edit', '/posts/1/edit?thread=1', 'enrolled'),
  route('POST', '/posts/:postId/edit', '/posts/1/edit', 'enrolled'),
  route('GET', '/moderation', '/moderation', 'course-staff'),
  route('GET', '/members', '/members', 'course-staff'),
  route('POST', '/members', '/members', 'course-staff'),
];
