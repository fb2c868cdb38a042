import type { RoutePolicy } from './route-policy.ts';

/**
 * Enrolling: the course page's enroll and leave actions (with the leave confirmation), the
 * studio's learner list and bulk enrollment, and the enrollment operations of the JSON API.
 * Enrolling is for anyone signed in; leaving is for people enrolled in the run (others are sent
 * back to the course page, or get 404 from the API); learner lists are for the course's staff.
 */
const PAGES = 'src/web/pages/enroll/enroll.test.ts';
const API = 'src/web/api/learning/enrollment.test.ts';
const RUN_PAGE = '/courses/:key/runs/:code';
const RUN_SAMPLE = '/courses/no-such-course/runs/2027-T1';
const STUDIO_RUN = '/studio/courses/:key/runs/:code';
const STUDIO_SAMPLE = '/studio/courses/no-such-course/runs/2027-T1';
const API_RUN = '/api/v1/courses/:courseKey/runs/:runCode';
const API_SAMPLE = '/api/v1/courses/no-such-course/runs/2027-T1';

export const ENROLL_POLICIES: RoutePolicy[] = [
  {
    method: 'POST',
    url: `${RUN_PAGE}/enroll`,
    sample: `${RUN_SAMPLE}/enroll`,
    audience: 'signed-in',
    roleTable: PAGES,
  },
  {
    method: 'GET',
    url: `${RUN_PAGE}/unenroll`,
    sample: `${RUN_SAMPLE}/unenroll`,
    audience: 'enrolled',
    roleTable: PAGES,
  },
  {
    method: 'POST',
    url: `${RUN_PAGE}/unenroll`,
    sample: `${RUN_SAMPLE}/unenroll`,
    audience: 'enrolled',
    roleTable: PAGES,
  },
  {
    method: 'GET',
    url: `${STUDIO_RUN}/learners`,
    sample: `${STUDIO_SAMPLE}/learners`,
    audience: 'course-staff',
    roleTable: PAGES,
  },
  {
    method: 'POST',
    url: `${STUDIO_RUN}/learners/bulk`,
    sample: `${STUDIO_SAMPLE}/learners/bulk`,
    audience: 'course-staff',
    roleTable: PAGES,
  },
  {
    method: 'POST',
    url: `${API_RUN}/enrollment`,
    sample: `${API_SAMPLE}/enrollment`,
    audience: 'signed-in',
    roleTable: API,
  },
  {
    method: 'DELETE',
    url: `${API_RUN}/enrollment`,
    sample: `${API_SAMPLE}/enrollment`,
    audience: 'enrolled',
    roleTable: API,
  },
  {
    method: 'GET',
    url: '/api/v1/me/enrollments',
    sample: '/api/v1/me/enrollments',
    audience: 'signed-in',
    roleTable: API,
  },
  {
    method: 'POST',
    url: `${API_RUN}/enrollments`,
    sample: `${API_SAMPLE}/enrollments`,
    audience: 'course-staff',
    roleTable: API,
  },
];
