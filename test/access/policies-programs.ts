import type { RoutePolicy } from './route-policy.ts';

/**
 * Programs are public, like the catalog; claiming a program's certificate is the signed-in
 * learner's. Defining a program is for the lead institution's admins and registrars (the service
 * decides; the secretariat is not among them): the closest audience is its managers.
 */
const PAGES = 'src/web/pages/programs/program-pages.test.ts';
const NEW = 'src/web/pages/programs/new-program.test.ts';

export const PROGRAM_PAGE_POLICIES: RoutePolicy[] = [
  { method: 'GET', url: '/programs', sample: '/programs', audience: 'public', roleTable: PAGES },
  { method: 'GET', url: '/programs/:key', sample: '/programs/no-such-program', audience: 'public', roleTable: PAGES },
  {
    method: 'POST',
    url: '/programs/:key/claim',
    sample: '/programs/no-such-program/claim',
    audience: 'signed-in',
    roleTable: PAGES,
  },
  {
    method: 'GET',
    url: '/institutions/:key/programs/new',
    sample: '/institutions/alpha/programs/new',
    audience: 'manager',
    roleTable: NEW,
  },
  {
    method: 'POST',
    url: '/institutions/:key/programs',
    sample: '/institutions/alpha/programs',
    audience: 'manager',
    roleTable: NEW,
  },
];
