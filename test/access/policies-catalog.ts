import type { RoutePolicy } from './route-policy.ts';

const CATALOG = 'src/web/pages/catalog/catalog.test.ts';
const COURSE = 'src/web/pages/catalog/course.test.ts';

/** The public catalog and course pages: anyone may read what has been published. */
export const CATALOG_POLICIES: RoutePolicy[] = [
  { method: 'GET', url: '/courses', sample: '/courses', audience: 'public', roleTable: CATALOG },
  { method: 'GET', url: '/courses/:key', sample: '/courses/no-such-course', audience: 'public', roleTable: COURSE },
];
