import type { RoutePolicy } from './route-policy.ts';

const PAGES = 'src/web/pages/grades/grades-pages.test.ts';
const API = 'src/web/api/learning/grades.test.ts';
const NIL = '00000000-0000-0000-0000-000000000000';
const STUDIO_RUN = '/studio/courses/:key/runs/:code';
const API_RUN = '/api/v1/courses/:courseKey/runs/:runCode';
const SAMPLE_STUDIO_RUN = '/studio/courses/no-such-course/runs/2027-T1';
const SAMPLE_API_RUN = '/api/v1/courses/no-such-course/runs/2027-T1';

/**
 * Grades: a learner's own progress (enrolled learners of the run), the gradebook and its CSV
 * (course staff with view_learners) and overrides (course staff with grade).
 */
export const GRADE_POLICIES: RoutePolicy[] = [
  {
    method: 'GET',
    url: '/learn/:courseKey/:runCode/progress',
    sample: '/learn/no-such-course/2027-T1/progress',
    audience: 'enrolled',
    roleTable: PAGES,
  },
  ...['/gradebook', '/gradebook.csv'].map((suffix): RoutePolicy => ({
    method: 'GET',
    url: `${STUDIO_RUN}${suffix}`,
    sample: `${SAMPLE_STUDIO_RUN}${suffix}`,
    audience: 'course-staff',
    roleTable: PAGES,
  })),
  {
    method: 'POST',
    url: `${STUDIO_RUN}/gradebook/:enrollmentId/override`,
    sample: `${SAMPLE_STUDIO_RUN}/gradebook/${NIL}/override`,
    audience: 'course-staff',
    roleTable: PAGES,
  },
  {
    method: 'GET',
    url: `${API_RUN}/progress`,
    sample: `${SAMPLE_API_RUN}/progress`,
    audience: 'enrolled',
    roleTable: API,
  },
  ...['/gradebook', '/gradebook.csv'].map((suffix): RoutePolicy => ({
    method: 'GET',
    url: `${API_RUN}${suffix}`,
    sample: `${SAMPLE_API_RUN}${suffix}`,
    audience: 'course-staff',
    roleTable: API,
  })),
  {
    method: 'PUT',
    url: `${API_RUN}/grades/:enrollmentId/override`,
    sample: `${SAMPLE_API_RUN}/grades/${NIL}/override`,
    audience: 'course-staff',
    roleTable: API,
  },
];
