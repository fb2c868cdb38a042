import type { RoutePolicy } from './route-policy.ts';

const THREADS = 'src/web/api/discussions/threads.test.ts';
const ACTIONS = 'src/web/api/discussions/actions.test.ts';
const MODERATION = 'src/web/api/discussions/moderation.test.ts';
const CIRCLES = 'src/web/api/discussions/circles.test.ts';
const NOTIFICATIONS = 'src/web/api/discussions/notifications.test.ts';
const RUN = '/api/v1/courses/:courseKey/runs/:runCode';
const SAMPLE_RUN = '/api/v1/courses/no-such-course/runs/2027-T1';
const FORUM = `${RUN}/forum`;
const SAMPLE_FORUM = `${SAMPLE_RUN}/forum`;

/**
 * A run's forum over the JSON API. Reading and writing are for its readers: the run's active
 * learners and the course staff who see learners (closest audience: enrolled); everyone else
 * signed in gets 404 and anonymous callers 401. Moderation, standing and the staff side of
 * study circles narrow that to staff and community TAs (course-staff). Notifications and their
 * settings belong to whoever is signed in.
 */
export const FORUM_API_POLICIES: RoutePolicy[] = [
  { method: 'GET', url: FORUM, sample: SAMPLE_FORUM, audience: 'enrolled', roleTable: THREADS },
  {
    method: 'GET',
    url: `${FORUM}/threads`,
    sample: `${SAMPLE_FORUM}/threads`,
    audience: 'enrolled',
    roleTable: THREADS,
  },
  {
    method: 'POST',
    url: `${FORUM}/threads`,
    sample: `${SAMPLE_FORUM}/threads`,
    audience: 'enrolled',
    roleTable: THREADS,
  },
  {
    method: 'GET',
    url: `${FORUM}/threads/:threadId`,
    sample: `${SAMPLE_FORUM}/threads/1`,
    audience: 'enrolled',
    roleTable: THREADS,
  },
  {
    method: 'POST',
    url: `${FORUM}/threads/:threadId/replies`,
    sample: `${SAMPLE_FORUM}/threads/1/replies`,
    audience: 'enrolled',
    roleTable: THREADS,
  },
  {
    method: 'PUT',
    url: `${FORUM}/threads/:threadId/follow`,
    sample: `${SAMPLE_FORUM}/threads/1/follow`,
    audience: 'enrolled',
    roleTable: ACTIONS,
  },
  {
    method: 'PATCH',
    url: `${FORUM}/threads/:threadId`,
    sample: `${SAMPLE_FORUM}/threads/1`,
    audience: 'enrolled',
    roleTable: ACTIONS,
  },
  {
    method: 'PUT',
    url: `${FORUM}/threads/:threadId/answer`,
    sample: `${SAMPLE_FORUM}/threads/1/answer`,
    audience: 'enrolled',
    roleTable: ACTIONS,
  },
  {
    method: 'PUT',
    url: `${FORUM}/posts/:postId/vote`,
    sample: `${SAMPLE_FORUM}/posts/1/vote`,
    audience: 'enrolled',
    roleTable: ACTIONS,
  },
  {
    method: 'POST',
    url: `${FORUM}/posts/:postId/flags`,
    sample: `${SAMPLE_FORUM}/posts/1/flags`,
    audience: 'enrolled',
    roleTable: ACTIONS,
  },
  {
    method: 'POST',
    url: `${FORUM}/posts/:postId/moderation`,
    sample: `${SAMPLE_FORUM}/posts/1/moderation`,
    audience: 'course-staff',
    roleTable: ACTIONS,
  },
  {
    method: 'PUT',
    url: `${FORUM}/posts/:postId/endorsement`,
    sample: `${SAMPLE_FORUM}/posts/1/endorsement`,
    audience: 'course-staff',
    roleTable: ACTIONS,
  },
  {
    method: 'PATCH',
    url: `${FORUM}/posts/:postId`,
    sample: `${SAMPLE_FORUM}/posts/1`,
    audience: 'enrolled',
    roleTable: ACTIONS,
  },
  {
    method: 'DELETE',
    url: `${FORUM}/posts/:postId`,
    sample: `${SAMPLE_FORUM}/posts/1`,
    audience: 'enrolled',
    roleTable: ACTIONS,
  },
  {
    method: 'GET',
    url: `${FORUM}/moderation`,
    sample: `${SAMPLE_FORUM}/moderation`,
    audience: 'course-staff',
    roleTable: MODERATION,
  },
  {
    method: 'GET',
    url: `${FORUM}/members`,
    sample: `${SAMPLE_FORUM}/members`,
    audience: 'course-staff',
    roleTable: MODERATION,
  },
  {
    method: 'POST',
    url: `${FORUM}/members`,
    sample: `${SAMPLE_FORUM}/members`,
    audience: 'course-staff',
    roleTable: MODERATION,
  },
  {
    method: 'POST',
    url: `${RUN}/circles/membership`,
    sample: `${SAMPLE_RUN}/circles/membership`,
    audience: 'enrolled',
    roleTable: CIRCLES,
  },
  {
    method: 'DELETE',
    url: `${RUN}/circles/membership`,
    sample: `${SAMPLE_RUN}/circles/membership`,
    audience: 'enrolled',
    roleTable: CIRCLES,
  },
  {
    method: 'GET',
    url: `${RUN}/circles/membership`,
    sample: `${SAMPLE_RUN}/circles/membership`,
    audience: 'enrolled',
    roleTable: CIRCLES,
  },
  {
    method: 'GET',
    url: `${RUN}/circles`,
    sample: `${SAMPLE_RUN}/circles`,
    audience: 'course-staff',
    roleTable: CIRCLES,
  },
  {
    method: 'POST',
    url: `${RUN}/circles/moves`,
    sample: `${SAMPLE_RUN}/circles/moves`,
    audience: 'course-staff',
    roleTable: CIRCLES,
  },
  {
    method: 'POST',
    url: `${RUN}/circles/matching`,
    sample: `${SAMPLE_RUN}/circles/matching`,
    audience: 'course-staff',
    roleTable: CIRCLES,
  },
  {
    method: 'GET',
    url: '/api/v1/me/notifications',
    sample: '/api/v1/me/notifications',
    audience: 'signed-in',
    roleTable: NOTIFICATIONS,
  },
  {
    method: 'POST',
    url: '/api/v1/me/notifications/read',
    sample: '/api/v1/me/notifications/read',
    audience: 'signed-in',
    roleTable: NOTIFICATIONS,
  },
  {
    method: 'GET',
    url: '/api/v1/me/notification-settings',
    sample: '/api/v1/me/notification-settings',
    audience: 'signed-in',
    roleTable: NOTIFICATIONS,
  },
  {
    method: 'PUT',
    url: '/api/v1/me/notification-settings',
    sample: '/api/v1/me/notification-settings',
    audience: 'signed-in',
    roleTable: NOTIFICATIONS,
  },
];
