import type { Clock } from '../clock/index.ts';
import type { Database } from '../db/index.ts';

/**
 * Who is acting. Built once per request by the web layer from identity and institutions, and
 * passed to every service, whose first line decides with it.
 */
export type Membership = { institutionId: number; role: string };

export type Actor = {
  userId: string;
  isSecretariat: boolean;
  memberships: readonly Membership[];
  /** How the request was authenticated: browser session or personal API token. */
  via: 'session' | 'token' | 'system';
};

export const SYSTEM_ACTOR: Actor = { userId: 'system', isSecretariat: true, memberships: [], via: 'system' };

export function hasInstitutionRole(actor: Actor | null, institutionId: number, role: string): boolean {
  return !!actor?.memberships.some((m) => m.institutionId === institutionId && m.role === role);
}

/** What every service function receives: the database, the clock and who is acting. */
export type ServiceContext = { db: Database; clock: Clock; actor: Actor | null };
