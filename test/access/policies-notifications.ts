import type { RoutePolicy } from './route-policy.ts';

const PAGES = 'src/web/pages/notifications/notifications-pages.test.ts';

/** Everyone signed in has their own forum notifications and settings; nobody sees another's. */
export const NOTIFICATIONS_POLICIES: RoutePolicy[] = [
  {
    method: 'GET',
    url: '/account/notifications',
    sample: '/account/notifications',
    audience: 'signed-in',
    roleTable: PAGES,
  },
  {
    method: 'POST',
    url: '/account/notifications/read',
    sample: '/account/notifications/read',
    audience: 'signed-in',
    roleTable: PAGES,
  },
  {
    method: 'POST',
    url: '/account/notifications/settings',
    sample: '/account/notifications/settings',
    audience: 'signed-in',
    roleTable: PAGES,
  },
];
