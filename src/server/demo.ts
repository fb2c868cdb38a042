import { SYSTEM_ACTOR, type ServiceContext } from '../platform/access/index.ts';
import { createAccount, findUserByEmail } from '../modules/identity/index.ts';
import { addMember, createInstitution, hasAnyInstitution, type Institution } from '../modules/institutions/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './demo-data.ts';
import { ALLIANCE_LAUNCH_DATE, FOUNDING_MEMBERS } from './demo-institutions.ts';
import { seedDemoCourses } from './demo-courses/index.ts';
import type { RunningPlatform } from './platform.ts';

export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './demo-data.ts';

/**
 * Seeds the founding members of the alliance and one account per role into a database that has
 * no institutions yet; returns whether it seeded. Every write goes through the services, so the
 * audit log shows the demo data arriving like any other.
 */
export async function seedDemoIfEmpty(platform: RunningPlatform): Promise<boolean> {
  const ctx: ServiceContext = { db: platform.db, clock: platform.clock, actor: SYSTEM_ACTOR };
  if (await hasAnyInstitution(platform.db)) {
    // A demo database made before courses existed gets them; any other database is left alone.
    if (await findUserByEmail(platform.db, DEMO_ACCOUNTS[0]!.email)) await seedDemoCourses(platform);
    platform.logger.debug('institutions exist; demo alliance not seeded');
    return false;
  }
  const byKey = new Map<string, Institution>();
  for (const member of FOUNDING_MEMBERS) {
    const institution = await createInstitution(ctx, {
      ...member,
      membershipStatus: 'founding_member',
      joinedOn: ALLIANCE_LAUNCH_DATE,
    });
    byKey.set(institution.key, institution);
  }
  for (const account of DEMO_ACCOUNTS) await seedAccount(ctx, account, byKey);
  const courses = await seedDemoCourses(platform);
  platform.logger.info(
    { institutions: byKey.size, accounts: DEMO_ACCOUNTS.length, courses: courses.length },
    'demo alliance seeded (password for demo accounts: %s)',
    DEMO_PASSWORD,
  );
  return true;
}

async function seedAccount(ctx: ServiceContext, account: DemoAccount, byKey: Map<string, Institution>): Promise<void> {
  const user =
    (await findUserByEmail(ctx.db, account.email)) ??
    (await createAccount(ctx, {
      email: account.email,
      name: account.name,
      password: DEMO_PASSWORD,
      secretariat: account.secretariat ?? false,
      emailVerified: true,
    }));
  const institution = account.membership && byKey.get(account.membership.institutionKey);
  if (institution && account.membership) {
    await addMember(ctx, { institutionId: institution.id, userId: user.id, role: account.membership.role });
  }
}
