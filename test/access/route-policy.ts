/**
 * The access policy of every route, written apart from the code that enforces it. The census
 * test fails on any route missing here; the per-role tables named in `roleTable` exercise it.
 *
 * Audiences: public (anyone), signed-in (any account), manager (that institution's admins and the
 * secretariat), secretariat, invitee (a signed-in person holding the invitation), dev (not in
 * production), course-staff (the course's team and the admins of its owning institutions),
 * enrolled (a learner actively enrolled in that run).
 */
export type Audience =
  'public' | 'signed-in' | 'manager' | 'secretariat' | 'invitee' | 'dev' | 'course-staff' | 'enrolled';

import { CATALOG_POLICIES } from './policies-catalog.ts';
import { ENROLL_POLICIES } from './policies-enroll.ts';
import { LEARN_POLICIES } from './policies-learn.ts';
import { QUIZ_POLICIES } from './policies-quiz.ts';
import { GRADE_POLICIES } from './policies-grades.ts';
import { LEARNING_DATA_POLICIES } from './policies-learning-data.ts';
import { CREDENTIAL_PAGE_POLICIES } from './policies-credentials.ts';
import { CREDENTIAL_API_POLICIES } from './policies-credentials-api.ts';
import { PROGRAM_PAGE_POLICIES } from './policies-programs.ts';
import { ISSUER_KEY_POLICIES } from './policies-issuer-keys.ts';
import { FORUM_POLICIES } from './policies-forum.ts';
import { FORUM_API_POLICIES } from './policies-forum-api.ts';
import { NOTIFICATIONS_POLICIES } from './policies-notifications.ts';
import { CIRCLES_POLICIES } from './policies-circles.ts';
import { COURSE_API_POLICIES } from './policies-courses-api.ts';
import { PACKAGE_POLICIES } from './policies-packages.ts';
import { STUDIO_CONTENT_POLICIES } from './policies-studio-content.ts';
import { STUDIO_POLICIES } from './policies-studio.ts';

export type RoutePolicy = {
  method: string;
  url: string;
  /** A concrete address to probe anonymously. */
  sample: string;
  audience: Audience;
  /** The test file whose table checks this route for each role. */
  roleTable: string;
};

const AUTH = 'src/web/pages/auth/auth-pages.test.ts';
const PASSWORD = 'src/web/pages/auth/password.test.ts';
const ACCOUNT = 'src/web/pages/account/account-pages.test.ts';
const INSTITUTIONS = 'src/web/pages/institutions/institutions.test.ts';
const API_ME = 'src/web/api/me.test.ts';
const API_INSTITUTIONS = 'src/web/api/institutions.test.ts';
const API_DOCS = 'src/web/api/openapi.test.ts';
const APP = 'src/web/app.test.ts';
const MAIL = 'src/web/pages/account/account-pages.test.ts';
const NIL = '00000000-0000-0000-0000-000000000000';
const MEDIA = 'src/web/routes/media.test.ts';

export const ROUTE_POLICIES: RoutePolicy[] = [
  ...STUDIO_POLICIES,
  ...STUDIO_CONTENT_POLICIES,
  ...PACKAGE_POLICIES,
  ...CATALOG_POLICIES,
  ...COURSE_API_POLICIES,
  ...ENROLL_POLICIES,
  ...LEARN_POLICIES,
  ...QUIZ_POLICIES,
  ...GRADE_POLICIES,
  ...LEARNING_DATA_POLICIES,
  ...CREDENTIAL_PAGE_POLICIES,
  ...CREDENTIAL_API_POLICIES,
  ...PROGRAM_PAGE_POLICIES,
  ...ISSUER_KEY_POLICIES,
  ...FORUM_POLICIES,
  ...FORUM_API_POLICIES,
  ...NOTIFICATIONS_POLICIES,
  ...CIRCLES_POLICIES,
  { method: 'GET', url: '/', sample: '/', audience: 'public', roleTable: APP },
  { method: 'GET', url: '/media/:uuid', sample: `/media/${NIL}`, audience: 'public', roleTable: MEDIA },
  { method: 'GET', url: '/media/:uuid/:filename', sample: `/media/${NIL}/x.pdf`, audience: 'public', roleTable: MEDIA },
  { method: 'GET', url: '/health/live', sample: '/health/live', audience: 'public', roleTable: APP },
  { method: 'GET', url: '/health/ready', sample: '/health/ready', audience: 'public', roleTable: APP },
  { method: 'GET', url: '/assets/:name', sample: '/assets/app.css', audience: 'public', roleTable: APP },
  { method: 'GET', url: '/locale', sample: '/locale?locale=ar', audience: 'public', roleTable: APP },
  { method: 'POST', url: '/locale', sample: '/locale', audience: 'public', roleTable: APP },
  { method: 'GET', url: '/api/auth/*', sample: '/api/auth/get-session', audience: 'public', roleTable: AUTH },
  { method: 'POST', url: '/api/auth/*', sample: '/api/auth/sign-in/email', audience: 'public', roleTable: AUTH },
  { method: 'GET', url: '/sign-up', sample: '/sign-up', audience: 'public', roleTable: AUTH },
  { method: 'POST', url: '/sign-up', sample: '/sign-up', audience: 'public', roleTable: AUTH },
  { method: 'GET', url: '/sign-up/check-email', sample: '/sign-up/check-email', audience: 'public', roleTable: AUTH },
  { method: 'GET', url: '/sign-up/verified', sample: '/sign-up/verified', audience: 'public', roleTable: AUTH },
  { method: 'GET', url: '/verification-email', sample: '/verification-email', audience: 'public', roleTable: AUTH },
  { method: 'POST', url: '/verification-email', sample: '/verification-email', audience: 'public', roleTable: AUTH },
  { method: 'GET', url: '/sign-in', sample: '/sign-in', audience: 'public', roleTable: AUTH },
  { method: 'POST', url: '/sign-in', sample: '/sign-in', audience: 'public', roleTable: AUTH },
  { method: 'POST', url: '/sign-out', sample: '/sign-out', audience: 'public', roleTable: AUTH },
  { method: 'GET', url: '/password/forgot', sample: '/password/forgot', audience: 'public', roleTable: PASSWORD },
  { method: 'POST', url: '/password/forgot', sample: '/password/forgot', audience: 'public', roleTable: PASSWORD },
  { method: 'GET', url: '/password/reset', sample: '/password/reset', audience: 'public', roleTable: PASSWORD },
  { method: 'POST', url: '/password/reset', sample: '/password/reset', audience: 'public', roleTable: PASSWORD },
  { method: 'GET', url: '/account', sample: '/account', audience: 'signed-in', roleTable: ACCOUNT },
  { method: 'POST', url: '/account/profile', sample: '/account/profile', audience: 'signed-in', roleTable: ACCOUNT },
  { method: 'POST', url: '/account/password', sample: '/account/password', audience: 'signed-in', roleTable: ACCOUNT },
  { method: 'POST', url: '/account/email', sample: '/account/email', audience: 'signed-in', roleTable: ACCOUNT },
  { method: 'POST', url: '/account/tokens', sample: '/account/tokens', audience: 'signed-in', roleTable: ACCOUNT },
  {
    method: 'POST',
    url: '/account/tokens/:uuid/revocation',
    sample: `/account/tokens/${NIL}/revocation`,
    audience: 'signed-in',
    roleTable: ACCOUNT,
  },
  { method: 'GET', url: '/dev/mail', sample: '/dev/mail', audience: 'dev', roleTable: MAIL },
  { method: 'GET', url: '/dev/mail/:uuid', sample: `/dev/mail/${NIL}`, audience: 'dev', roleTable: MAIL },
  { method: 'GET', url: '/institutions', sample: '/institutions', audience: 'public', roleTable: INSTITUTIONS },
  {
    method: 'GET',
    url: '/institutions/:key',
    sample: '/institutions/alpha',
    audience: 'public',
    roleTable: INSTITUTIONS,
  },
  {
    method: 'GET',
    url: '/institutions/new',
    sample: '/institutions/new',
    audience: 'secretariat',
    roleTable: INSTITUTIONS,
  },
  { method: 'POST', url: '/institutions', sample: '/institutions', audience: 'secretariat', roleTable: INSTITUTIONS },
  {
    method: 'GET',
    url: '/institutions/:key/manage',
    sample: '/institutions/alpha/manage',
    audience: 'manager',
    roleTable: INSTITUTIONS,
  },
  {
    method: 'POST',
    url: '/institutions/:key/manage',
    sample: '/institutions/alpha/manage',
    audience: 'manager',
    roleTable: INSTITUTIONS,
  },
  {
    method: 'POST',
    url: '/institutions/:key/invitations',
    sample: '/institutions/alpha/invitations',
    audience: 'manager',
    roleTable: INSTITUTIONS,
  },
  {
    method: 'POST',
    url: '/institutions/:key/invitations/:uuid/revocation',
    sample: `/institutions/alpha/invitations/${NIL}/revocation`,
    audience: 'manager',
    roleTable: INSTITUTIONS,
  },
  {
    method: 'POST',
    url: '/institutions/:key/people/:userId/roles',
    sample: `/institutions/alpha/people/${NIL}/roles`,
    audience: 'manager',
    roleTable: INSTITUTIONS,
  },
  {
    method: 'POST',
    url: '/institutions/:key/people/:userId/removal',
    sample: `/institutions/alpha/people/${NIL}/removal`,
    audience: 'manager',
    roleTable: INSTITUTIONS,
  },
  {
    method: 'POST',
    url: '/institutions/:key/status',
    sample: '/institutions/alpha/status',
    audience: 'secretariat',
    roleTable: INSTITUTIONS,
  },
  {
    method: 'GET',
    url: '/invitations/:token',
    sample: '/invitations/abc',
    audience: 'public',
    roleTable: INSTITUTIONS,
  },
  {
    method: 'POST',
    url: '/invitations/:token/acceptance',
    sample: '/invitations/abc/acceptance',
    audience: 'invitee',
    roleTable: INSTITUTIONS,
  },
  { method: 'GET', url: '/api/openapi.json', sample: '/api/openapi.json', audience: 'public', roleTable: API_DOCS },
  { method: 'GET', url: '/api/docs', sample: '/api/docs', audience: 'public', roleTable: API_DOCS },
  { method: 'GET', url: '/api/v1/me', sample: '/api/v1/me', audience: 'signed-in', roleTable: API_ME },
  { method: 'PATCH', url: '/api/v1/me', sample: '/api/v1/me', audience: 'signed-in', roleTable: API_ME },
  { method: 'GET', url: '/api/v1/me/tokens', sample: '/api/v1/me/tokens', audience: 'signed-in', roleTable: API_ME },
  { method: 'POST', url: '/api/v1/me/tokens', sample: '/api/v1/me/tokens', audience: 'signed-in', roleTable: API_ME },
  {
    method: 'DELETE',
    url: '/api/v1/me/tokens/:uuid',
    sample: `/api/v1/me/tokens/${NIL}`,
    audience: 'signed-in',
    roleTable: API_ME,
  },
  {
    method: 'GET',
    url: '/api/v1/institutions',
    sample: '/api/v1/institutions',
    audience: 'public',
    roleTable: API_INSTITUTIONS,
  },
  {
    method: 'GET',
    url: '/api/v1/institutions/:key',
    sample: '/api/v1/institutions/alpha',
    audience: 'public',
    roleTable: API_INSTITUTIONS,
  },
  {
    method: 'GET',
    url: '/api/v1/institutions/:key/members',
    sample: '/api/v1/institutions/alpha/members',
    audience: 'manager',
    roleTable: API_INSTITUTIONS,
  },
];
