import type { Actor, ServiceContext } from '../../platform/access/index.ts';
import { SYSTEM_ACTOR } from '../../platform/access/index.ts';
import { createFixedClock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { createAccount } from '../identity/index.ts';
import { listMembershipsOfUser } from './memberships.ts';
import { addMember, createInstitution } from './index.ts';
import type { Institution, InstitutionRole } from './types.ts';

/** Factories for service tests: accounts, institutions and the actors a request would build. */
export function createTestHelpers(db: Database) {
  const clock = createFixedClock(new Date('2024-03-01T10:00:00Z'));
  const system: ServiceContext = { db, clock, actor: SYSTEM_ACTOR };
  let counter = 0;

  async function buildUser(options: { secretariat?: boolean; email?: string } = {}) {
    counter += 1;
    return createAccount(system, {
      email: options.email ?? `person${counter}@example.test`,
      name: `Person ${counter}`,
      password: 'a-long-test-password',
      secretariat: options.secretariat ?? false,
    });
  }

  async function buildInstitution(overrides: Partial<Parameters<typeof createInstitution>[1]> = {}) {
    counter += 1;
    return createInstitution(system, {
      key: `inst-${counter}`,
      name: { en: `Institution ${counter}` },
      country: 'KE',
      type: 'university',
      membershipStatus: 'member',
      ...overrides,
    });
  }

  async function actorFor(userId: string, secretariat = false): Promise<Actor> {
    return { userId, isSecretariat: secretariat, memberships: await listMembershipsOfUser(db, userId), via: 'session' };
  }

  async function contextFor(userId: string, secretariat = false): Promise<ServiceContext> {
    return { db, clock, actor: await actorFor(userId, secretariat) };
  }

  async function buildPerson(institution: Institution, role: InstitutionRole) {
    const user = await buildUser();
    await addMember(system, { institutionId: institution.id, userId: user.id, role });
    return { user, ctx: await contextFor(user.id) };
  }

  return { clock, system, buildUser, buildInstitution, buildPerson, actorFor, contextFor };
}
