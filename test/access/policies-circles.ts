import type { RoutePolicy } from './route-policy.ts';

const PAGES = 'src/web/pages/circles/circles-pages.test.ts';
const RUN = '/learn/no-such-course/2027-T1/circles';

/**
 * A run's study circles live with its forum: its learners join, wait and leave, and see their
 * circle; the staff who see learners see every circle, move members and run the matching.
 */
export const CIRCLES_POLICIES: RoutePolicy[] = [
  { method: 'GET', url: '/learn/:courseKey/:runCode/circles', sample: RUN, audience: 'enrolled', roleTable: PAGES },
  {
    method: 'POST',
    url: '/learn/:courseKey/:runCode/circles/join',
    sample: `${RUN}/join`,
    audience: 'enrolled',
    roleTable: PAGES,
  },
  {
    method: 'POST',
    url: '/learn/:courseKey/:runCode/circles/leave',
    sample: `${RUN}/leave`,
    audience: 'enrolled',
    roleTable: PAGES,
  },
  {
    method: 'POST',
    url: '/learn/:courseKey/:runCode/circles/moves',
    sample: `${RUN}/moves`,
    audience: 'course-staff',
    roleTable: PAGES,
  },
  {
    method: 'POST',
    url: '/learn/:courseKey/:runCode/circles/matching',
    sample: `${RUN}/matching`,
    audience: 'course-staff',
    roleTable: PAGES,
  },
];
