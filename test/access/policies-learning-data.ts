import type { RoutePolicy } from './route-policy.ts';

/**
 * A person's learning data: the page and download under /account (signed in: each person sees
 * only their own), their learning records over the API, and a run's records for its staff.
 */
const PAGES = 'src/web/pages/learning-data/learning-data.test.ts';
const API = 'src/web/api/learning/records.test.ts';

export const LEARNING_DATA_POLICIES: RoutePolicy[] = [
  {
    method: 'GET',
    url: '/account/learning-data',
    sample: '/account/learning-data',
    audience: 'signed-in',
    roleTable: PAGES,
  },
  {
    method: 'GET',
    url: '/account/learning-data.json',
    sample: '/account/learning-data.json',
    audience: 'signed-in',
    roleTable: PAGES,
  },
  {
    method: 'GET',
    url: '/api/v1/me/statements',
    sample: '/api/v1/me/statements',
    audience: 'signed-in',
    roleTable: API,
  },
  {
    method: 'GET',
    url: '/api/v1/me/learning-data',
    sample: '/api/v1/me/learning-data',
    audience: 'signed-in',
    roleTable: API,
  },
  {
    method: 'GET',
    url: '/api/v1/courses/:key/runs/:code/statements',
    sample: '/api/v1/courses/alpha-course/runs/2027-T1/statements',
    audience: 'course-staff',
    roleTable: API,
  },
];
