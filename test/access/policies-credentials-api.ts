import type { RoutePolicy } from './route-policy.ts';

const CREDENTIALS = 'src/web/api/credentials/credentials.test.ts';
const VERIFY = 'src/web/api/credentials/verify.test.ts';
const ISSUERS = 'src/web/api/credentials/issuers.test.ts';
const PROGRAMS = 'src/web/api/credentials/programs.test.ts';
const NIL = '00000000-0000-0000-0000-000000000000';

/**
 * Credentials over the JSON API: your own list (signed in); one credential (public: the learner,
 * the awarding institution's admins and registrars, or anyone when the learner made it public,
 * 404 otherwise); verification and issuer profiles (anyone); revocation and defining programs
 * (the institution's admins and registrars: the closest audience is manager, without the
 * secretariat); progress through a program and the learner record (signed in).
 */
export const CREDENTIAL_API_POLICIES: RoutePolicy[] = [
  {
    method: 'GET',
    url: '/api/v1/me/credentials',
    sample: '/api/v1/me/credentials',
    audience: 'signed-in',
    roleTable: CREDENTIALS,
  },
  {
    method: 'GET',
    url: '/api/v1/credentials/:uuid',
    sample: `/api/v1/credentials/${NIL}`,
    audience: 'public',
    roleTable: CREDENTIALS,
  },
  {
    method: 'POST',
    url: '/api/v1/credentials/verify',
    sample: '/api/v1/credentials/verify',
    audience: 'public',
    roleTable: VERIFY,
  },
  {
    method: 'POST',
    url: '/api/v1/credentials/:uuid/revoke',
    sample: `/api/v1/credentials/${NIL}/revoke`,
    audience: 'manager',
    roleTable: CREDENTIALS,
  },
  {
    method: 'GET',
    url: '/api/v1/institutions/:key/issuer',
    sample: '/api/v1/institutions/alpha/issuer',
    audience: 'public',
    roleTable: ISSUERS,
  },
  {
    method: 'POST',
    url: '/api/v1/programs',
    sample: '/api/v1/programs',
    audience: 'manager',
    roleTable: PROGRAMS,
  },
  {
    method: 'GET',
    url: '/api/v1/programs/:key/progress',
    sample: '/api/v1/programs/no-such-program/progress',
    audience: 'signed-in',
    roleTable: PROGRAMS,
  },
  {
    method: 'GET',
    url: '/api/v1/me/learner-record',
    sample: '/api/v1/me/learner-record',
    audience: 'signed-in',
    roleTable: PROGRAMS,
  },
];
