import type { RoutePolicy } from './route-policy.ts';

const PAGES = 'src/web/pages/learn/learn.test.ts';
const API = 'src/web/api/learning/courseware.test.ts';
const RUN = '/learn/no-such-course/2027-T1';
const API_RUN = '/api/v1/courses/no-such-course/runs/2027-T1';

/**
 * The learner's courseware: My learning for anyone signed in; a run's outline, units and
 * progress for its enrolled learners (staff who may see learners preview, and never write);
 * the data saver switch, a cookie, for anyone.
 */
export const LEARN_POLICIES: RoutePolicy[] = [
  { method: 'GET', url: '/learn', sample: '/learn', audience: 'signed-in', roleTable: PAGES },
  { method: 'GET', url: '/learn/:courseKey/:runCode', sample: RUN, audience: 'enrolled', roleTable: PAGES },
  {
    method: 'GET',
    url: '/learn/:courseKey/:runCode/resume',
    sample: `${RUN}/resume`,
    audience: 'enrolled',
    roleTable: PAGES,
  },
  {
    method: 'GET',
    url: '/learn/:courseKey/:runCode/units/:unitKey',
    sample: `${RUN}/units/unit-x`,
    audience: 'enrolled',
    roleTable: PAGES,
  },
  {
    method: 'POST',
    url: '/learn/:courseKey/:runCode/units/:unitKey/blocks/:blockKey/complete',
    sample: `${RUN}/units/unit-x/blocks/block-x/complete`,
    audience: 'enrolled',
    roleTable: PAGES,
  },
  {
    method: 'POST',
    url: '/preferences/data-saver',
    sample: '/preferences/data-saver',
    audience: 'public',
    roleTable: PAGES,
  },
  {
    method: 'GET',
    url: '/api/v1/courses/:courseKey/runs/:runCode/outline',
    sample: `${API_RUN}/outline`,
    audience: 'enrolled',
    roleTable: API,
  },
  {
    method: 'GET',
    url: '/api/v1/courses/:courseKey/runs/:runCode/units/:unitKey',
    sample: `${API_RUN}/units/unit-x`,
    audience: 'enrolled',
    roleTable: API,
  },
  {
    method: 'POST',
    url: '/api/v1/courses/:courseKey/runs/:runCode/blocks/:blockKey/progress',
    sample: `${API_RUN}/blocks/block-x/progress`,
    audience: 'enrolled',
    roleTable: API,
  },
];
