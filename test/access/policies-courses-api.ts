import type { Audience, RoutePolicy } from './route-policy.ts';

/**
 * The course operations of the JSON API. Reads are public (a course never published answers
 * 404 to everyone outside its team); every write needs a role on the course, checked before the
 * body is read. The MOOChub feed is served under /api/v1 only.
 */
const READS = 'src/web/api/courses/courses-read.test.ts';
const WRITES = 'src/web/api/courses/courses-authoring.test.ts';
const COURSE = '/api/v1/courses/:key';
const SAMPLE = '/api/v1/courses/alpha-course';

function staff(method: string, suffix: string, sample: string): RoutePolicy {
  return {
    method,
    url: `${COURSE}${suffix}`,
    sample: `${SAMPLE}${sample}`,
    audience: 'course-staff',
    roleTable: WRITES,
  };
}

function open(method: string, url: string, sample: string, audience: Audience = 'public'): RoutePolicy {
  return { method, url, sample, audience, roleTable: audience === 'public' ? READS : WRITES };
}

export const COURSE_API_POLICIES: RoutePolicy[] = [
  open('GET', '/api/v1/courses', '/api/v1/courses?q=climate'),
  open('GET', COURSE, SAMPLE),
  open('GET', `${COURSE}/runs`, `${SAMPLE}/runs`),
  open('GET', '/api/v1/moochub/courses', '/api/v1/moochub/courses'),
  open('POST', '/api/v1/courses', '/api/v1/courses', 'signed-in'),
  staff('PATCH', '', ''),
  staff('GET', '/draft', '/draft'),
  staff('POST', '/draft/revert', '/draft/revert'),
  staff('POST', '/releases', '/releases'),
  staff('GET', '/releases', '/releases'),
  staff('POST', '/runs', '/runs'),
  staff('PATCH', '/runs/:code', '/runs/2027-T1'),
  staff('POST', '/sections', '/sections'),
  staff('PATCH', '/sections/:sectionKey', '/sections/section-a'),
  staff('DELETE', '/sections/:sectionKey', '/sections/section-a'),
  staff('POST', '/sections/:sectionKey/position', '/sections/section-a/position'),
  staff('POST', '/sections/:sectionKey/units', '/sections/section-a/units'),
  staff('PATCH', '/units/:unitKey', '/units/unit-a'),
  staff('DELETE', '/units/:unitKey', '/units/unit-a'),
  staff('POST', '/units/:unitKey/position', '/units/unit-a/position'),
  staff('POST', '/units/:unitKey/blocks', '/units/unit-a/blocks'),
  staff('PUT', '/blocks/:blockKey', '/blocks/block-a'),
  staff('DELETE', '/blocks/:blockKey', '/blocks/block-a'),
  staff('POST', '/blocks/:blockKey/position', '/blocks/block-a/position'),
];
