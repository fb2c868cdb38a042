import type { RoutePolicy } from './route-policy.ts';

const TABLE = 'src/web/pages/studio-content/studio-content.test.ts';
const C = '/studio/courses/no-such-course';

/** The studio's content pages: the course team and the admins of its owning institutions. */
const route = (method: 'GET' | 'POST', url: string, sample: string): RoutePolicy => ({
  method,
  url: `/studio/courses/:key${url}`,
  sample: `${C}${sample}`,
  audience: 'course-staff',
  roleTable: TABLE,
});

export const STUDIO_CONTENT_POLICIES: RoutePolicy[] = [
  route('GET', '', ''),
  route('POST', '/releases', '/releases'),
  route('POST', '/reversion', '/reversion'),
  route('POST', '/sections', '/sections'),
  route('POST', '/sections/:sectionKey', '/sections/section-x'),
  route('POST', '/sections/:sectionKey/position', '/sections/section-x/position'),
  route('GET', '/sections/:sectionKey/deletion', '/sections/section-x/deletion'),
  route('POST', '/sections/:sectionKey/deletion', '/sections/section-x/deletion'),
  route('POST', '/sections/:sectionKey/units', '/sections/section-x/units'),
  route('POST', '/units/:unitKey', '/units/unit-x'),
  route('POST', '/units/:unitKey/position', '/units/unit-x/position'),
  route('GET', '/units/:unitKey/deletion', '/units/unit-x/deletion'),
  route('POST', '/units/:unitKey/deletion', '/units/unit-x/deletion'),
  route('GET', '/units/:unitKey/blocks/new', '/units/unit-x/blocks/new?type=text'),
  route('POST', '/units/:unitKey/blocks', '/units/unit-x/blocks'),
  route('GET', '/blocks/:blockKey', '/blocks/block-x'),
  route('POST', '/blocks/:blockKey', '/blocks/block-x'),
  route('POST', '/blocks/:blockKey/position', '/blocks/block-x/position'),
  route('GET', '/blocks/:blockKey/deletion', '/blocks/block-x/deletion'),
  route('POST', '/blocks/:blockKey/deletion', '/blocks/block-x/deletion'),
  route('GET', '/blocks/:blockKey/questions/new', '/blocks/block-x/questions/new?kind=numeric'),
  route('POST', '/blocks/:blockKey/questions', '/blocks/block-x/questions'),
  route('GET', '/blocks/:blockKey/questions/:questionId', '/blocks/block-x/questions/q1'),
  route('POST', '/blocks/:blockKey/questions/:questionId', '/blocks/block-x/questions/q1'),
  route('POST', '/blocks/:blockKey/questions/:questionId/position', '/blocks/block-x/questions/q1/position'),
  route('GET', '/blocks/:blockKey/questions/:questionId/deletion', '/blocks/block-x/questions/q1/deletion'),
  route('POST', '/blocks/:blockKey/questions/:questionId/deletion', '/blocks/block-x/questions/q1/deletion'),
  route('POST', '/markdown-preview', '/markdown-preview'),
  route('GET', '/preview', '/preview'),
  route('GET', '/preview/units/:unitKey', '/preview/units/unit-x'),
  route('GET', '/history', '/history'),
];
