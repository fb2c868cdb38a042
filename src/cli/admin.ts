import { randomBytes } from 'node:crypto';
import { SYSTEM_ACTOR, type ServiceContext } from '../platform/access/index.ts';
import type { Config } from '../platform/config/index.ts';
import { isDomainError } from '../platform/errors/index.ts';
import { createAccount } from '../modules/identity/index.ts';
import { createInstitution } from '../modules/institutions/index.ts';
import { seedDemoIfEmpty } from '../server/demo.ts';
import { openPlatform, type RunningPlatform } from '../server/platform.ts';
import { ADMIN_USAGE, parseAdminCommand, type AdminCommand } from './admin-args.ts';

/**
 * Administrative commands that need the platform: seeding, users, institutions. Returns the exit
 * code: 0 done, 1 refused by the platform (for example a duplicate), 2 bad arguments.
 */
export async function runAdminCommand(config: Config, command: string, args: string[]): Promise<number> {
  const parsed = parseAdminCommand(command, args);
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${ADMIN_USAGE}`);
    return 2;
  }
  const platform = await openPlatform(config, { dispatchMail: false });
  try {
    const ctx: ServiceContext = { db: platform.db, clock: platform.clock, actor: SYSTEM_ACTOR };
    return await execute(ctx, platform, parsed.command);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    console.error(error.message);
    return error.kind === 'invalid' ? 2 : 1;
  } finally {
    await platform.close();
  }
}

async function execute(ctx: ServiceContext, platform: RunningPlatform, command: AdminCommand): Promise<number> {
  switch (command.kind) {
    case 'seed-demo': {
      const seeded = await seedDemoIfEmpty(platform);
      console.log(seeded ? 'Demo alliance seeded.' : 'Institutions already exist; nothing seeded.');
      return 0;
    }
    case 'user-create': {
      const password = command.password ?? randomBytes(18).toString('base64url');
      const user = await createAccount(ctx, {
        email: command.email,
        name: command.name,
        password,
        secretariat: command.secretariat,
        emailVerified: true,
      });
      console.log(`Created ${user.email}${command.secretariat ? ' (secretariat)' : ''}.`);
      // A generated password is shown once and never stored in clear text.
      if (!command.password) console.log(`Password: ${password}`);
      return 0;
    }
    case 'institution-create': {
      const institution = await createInstitution(ctx, command.institution);
      console.log(`Created institution "${institution.key}" (${institution.membershipStatus}).`);
      return 0;
    }
  }
}
