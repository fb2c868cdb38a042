import type { Config } from '../platform/config/index.ts';

/** Administrative commands that need the platform: seeding, users, institutions. */
export async function runAdminCommand(_config: Config, command: string, _args: string[]): Promise<number> {
  console.error(`Unknown command "${command}". Run "orbis help" for the list of commands.`);
  return 2;
}
