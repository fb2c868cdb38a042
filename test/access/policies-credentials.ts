import type { RoutePolicy } from './route-policy.ts';

/**
 * Credential pages, downloads, verification and the published DID documents and status lists.
 * A credential is seen by its learner, the awarding institution's admins and registrars, or by
 * anyone once the learner makes it public: to everyone else it does not exist (404), so those
 * routes are public. Sharing is the learner's (signed in); revoking is for the awarding
 * institution's admins and registrars, the closest audience being its managers.
 */
const DOCUMENTS = 'src/web/pages/credentials/documents.test.ts';
const PAGES = 'src/web/pages/credentials/credential-pages.test.ts';
const VERIFY = 'src/web/pages/credentials/verify.test.ts';
const RECORD = 'src/web/pages/credentials/learner-record.test.ts';
const NIL = '00000000-0000-0000-0000-000000000000';
const CREDENTIAL = '/credentials/:uuid';
const SAMPLE = `/credentials/${NIL}`;

export const CREDENTIAL_PAGE_POLICIES: RoutePolicy[] = [
  {
    method: 'GET',
    url: '/institutions/:key/did.json',
    sample: '/institutions/alpha/did.json',
    audience: 'public',
    roleTable: DOCUMENTS,
  },
  {
    method: 'GET',
    url: '/institutions/:key/jwks.json',
    sample: '/institutions/alpha/jwks.json',
    audience: 'public',
    roleTable: DOCUMENTS,
  },
  {
    method: 'GET',
    url: '/credentials/status/:uuid',
    sample: `/credentials/status/${NIL}`,
    audience: 'public',
    roleTable: DOCUMENTS,
  },
  {
    method: 'GET',
    url: '/account/credentials',
    sample: '/account/credentials',
    audience: 'signed-in',
    roleTable: PAGES,
  },
  {
    method: 'GET',
    url: '/account/credentials/learner-record.clr.json',
    sample: '/account/credentials/learner-record.clr.json',
    audience: 'signed-in',
    roleTable: RECORD,
  },
  {
    method: 'GET',
    url: '/account/credentials/learner-record.json',
    sample: '/account/credentials/learner-record.json',
    audience: 'signed-in',
    roleTable: RECORD,
  },
  { method: 'GET', url: CREDENTIAL, sample: SAMPLE, audience: 'public', roleTable: PAGES },
  {
    method: 'GET',
    url: `${CREDENTIAL}/credential.json`,
    sample: `${SAMPLE}/credential.json`,
    audience: 'public',
    roleTable: PAGES,
  },
  {
    method: 'GET',
    url: `${CREDENTIAL}/credential.jwt`,
    sample: `${SAMPLE}/credential.jwt`,
    audience: 'public',
    roleTable: PAGES,
  },
  {
    method: 'GET',
    url: `${CREDENTIAL}/certificate.pdf`,
    sample: `${SAMPLE}/certificate.pdf`,
    audience: 'public',
    roleTable: PAGES,
  },
  {
    method: 'GET',
    url: `${CREDENTIAL}/badge.png`,
    sample: `${SAMPLE}/badge.png`,
    audience: 'public',
    roleTable: PAGES,
  },
  {
    method: 'POST',
    url: `${CREDENTIAL}/visibility`,
    sample: `${SAMPLE}/visibility`,
    audience: 'signed-in',
    roleTable: PAGES,
  },
  {
    method: 'POST',
    url: `${CREDENTIAL}/revoke`,
    sample: `${SAMPLE}/revoke`,
    audience: 'manager',
    roleTable: PAGES,
  },
  { method: 'GET', url: '/verify', sample: '/verify', audience: 'public', roleTable: VERIFY },
  { method: 'POST', url: '/verify', sample: '/verify', audience: 'public', roleTable: VERIFY },
];
