import type { RoutePolicy } from './route-policy.ts';

const API = 'src/web/api/packages/packages.test.ts';
const PAGES = 'src/web/pages/studio-packages/studio-packages.test.ts';

export const PACKAGE_POLICIES: RoutePolicy[] = [
  {
    method: 'GET',
    url: '/api/v1/courses/:key/package',
    sample: '/api/v1/courses/alpha-course/package',
    audience: 'course-staff',
    roleTable: API,
  },
  {
    method: 'POST',
    url: '/api/v1/course-packages',
    sample: '/api/v1/course-packages',
    audience: 'signed-in',
    roleTable: API,
  },
  {
    method: 'GET',
    url: '/studio/courses/:key/export',
    sample: '/studio/courses/alpha-course/export',
    audience: 'course-staff',
    roleTable: PAGES,
  },
  {
    method: 'GET',
    url: '/studio/courses/:key/package',
    sample: '/studio/courses/alpha-course/package',
    audience: 'course-staff',
    roleTable: PAGES,
  },
  { method: 'GET', url: '/studio/import', sample: '/studio/import', audience: 'signed-in', roleTable: PAGES },
  { method: 'POST', url: '/studio/import', sample: '/studio/import', audience: 'signed-in', roleTable: PAGES },
];
