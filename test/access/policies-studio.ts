import type { RoutePolicy } from './route-policy.ts';

const STUDIO = 'src/web/pages/studio/studio.test.ts';
const NIL = '00000000-0000-0000-0000-000000000000';

/** The studio: course lists, new courses, settings, team, partners, runs and team invitations. */
export const STUDIO_POLICIES: RoutePolicy[] = [
  { method: 'GET', url: '/studio', sample: '/studio', audience: 'signed-in', roleTable: STUDIO },
  { method: 'GET', url: '/studio/new', sample: '/studio/new', audience: 'signed-in', roleTable: STUDIO },
  { method: 'POST', url: '/studio/new', sample: '/studio/new', audience: 'signed-in', roleTable: STUDIO },
  {
    method: 'GET',
    url: '/studio/invitations/:id',
    sample: '/studio/invitations/abc',
    audience: 'public',
    roleTable: STUDIO,
  },
  {
    method: 'POST',
    url: '/studio/invitations/:id/acceptance',
    sample: '/studio/invitations/abc/acceptance',
    audience: 'invitee',
    roleTable: STUDIO,
  },
  {
    method: 'POST',
    url: '/studio/invitations/:id/refusal',
    sample: `/studio/invitations/${NIL}/refusal`,
    audience: 'invitee',
    roleTable: STUDIO,
  },
  ...(['settings', 'team', 'runs'] as const).map((page): RoutePolicy => ({
    method: 'GET',
    url: `/studio/courses/:key/${page}`,
    sample: `/studio/courses/no-such-course/${page}`,
    audience: 'course-staff',
    roleTable: STUDIO,
  })),
  ...[
    '/studio/courses/:key/settings',
    '/studio/courses/:key/settings/image',
    '/studio/courses/:key/team/invitations',
    '/studio/courses/:key/team/invitations/:uuid/revocation',
    '/studio/courses/:key/team/members/:userId/role',
    '/studio/courses/:key/team/members/:userId/removal',
    '/studio/courses/:key/owners',
    '/studio/courses/:key/owners/:institutionId/removal',
    '/studio/courses/:key/runs',
    '/studio/courses/:key/runs/:code/settings',
    '/studio/courses/:key/runs/:code/release',
    '/studio/courses/:key/runs/:code/grading',
  ].map((url): RoutePolicy => ({
    method: 'POST',
    url,
    sample: url
      .replace(':key', 'no-such-course')
      .replace(':uuid', NIL)
      .replace(':userId', 'someone')
      .replace(':institutionId', '1')
      .replace(':code', '2027-T1'),
    audience: 'course-staff',
    roleTable: STUDIO,
  })),
];
