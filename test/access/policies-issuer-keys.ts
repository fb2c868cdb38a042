import type { RoutePolicy } from './route-policy.ts';

const KEYS = 'src/web/pages/issuer-keys/issuer-keys.test.ts';

/**
 * An institution's signing keys: listing, rotating and marking one compromised. Only the
 * institution's own admins: the closest audience is manager, but without the secretariat (and
 * without registrars), since a key signs in the institution's name; the per-role table checks
 * that the secretariat is refused.
 */
export const ISSUER_KEY_POLICIES: RoutePolicy[] = [
  {
    method: 'GET',
    url: '/institutions/:key/keys',
    sample: '/institutions/alpha/keys',
    audience: 'manager',
    roleTable: KEYS,
  },
  {
    method: 'POST',
    url: '/institutions/:key/keys/rotate',
    sample: '/institutions/alpha/keys/rotate',
    audience: 'manager',
    roleTable: KEYS,
  },
  {
    method: 'POST',
    url: '/institutions/:key/keys/:number/compromised',
    sample: '/institutions/alpha/keys/1/compromised',
    audience: 'manager',
    roleTable: KEYS,
  },
];
