import { SYSTEM_ACTOR, type Actor, type ServiceContext } from '../../platform/access/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { createAccount, findUserByEmail } from '../../modules/identity/index.ts';
import {
  addMember,
  getInstitutionByKey,
  listMembershipsOfUser,
  type Institution,
  type InstitutionRole,
} from '../../modules/institutions/index.ts';
import { DEMO_PASSWORD } from '../demo-data.ts';

/** Instructors the demo courses need beyond the accounts every demo has; same password. */
export const DEMO_COURSE_ACCOUNTS: readonly {
  email: string;
  name: string;
  institutionKey: string;
  role: InstitutionRole;
}[] = [
  {
    email: 'instructor.nairobi@demo.orbis.test',
    name: 'Achieng Otieno',
    institutionKey: 'nairobi',
    role: 'instructor',
  },
  { email: 'instructor.polimi@demo.orbis.test', name: 'Marco Bianchi', institutionKey: 'polimi', role: 'instructor' },
];

export async function requireInstitution(db: Database, key: string): Promise<Institution> {
  const institution = await getInstitutionByKey(db, key);
  if (!institution) throw new Error(`Demo courses need the institution "${key}"; seed the demo alliance first.`);
  return institution;
}

/** Creates the extra instructors, and their memberships, where they are missing. */
export async function ensureDemoCourseAccounts(db: Database, clock: Clock): Promise<void> {
  const system: ServiceContext = { db, clock, actor: SYSTEM_ACTOR };
  for (const account of DEMO_COURSE_ACCOUNTS) {
    const institution = await requireInstitution(db, account.institutionKey);
    const user =
      (await findUserByEmail(db, account.email)) ??
      (await createAccount(system, {
        email: account.email,
        name: account.name,
        password: DEMO_PASSWORD,
        emailVerified: true,
      }));
    const memberships = await listMembershipsOfUser(db, user.id);
    const isMember = memberships.some((m) => m.institutionId === institution.id && m.role === account.role);
    if (!isMember) await addMember(system, { institutionId: institution.id, userId: user.id, role: account.role });
  }
}

/** The context a signed-in demo account would get from a request. */
export async function contextForDemoAccount(db: Database, clock: Clock, email: string): Promise<ServiceContext> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`Demo courses need the account ${email}; seed the demo accounts first.`);
  const actor: Actor = {
    userId: user.id,
    isSecretariat: false,
    memberships: await listMembershipsOfUser(db, user.id),
    via: 'session',
  };
  return { db, clock, actor };
}
