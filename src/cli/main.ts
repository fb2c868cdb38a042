#!/usr/bin/env node
import { ConfigError, loadConfig } from '../platform/config/index.ts';
import { applyMigrations, openDatabase } from '../platform/db/index.ts';
import { startServer } from '../server/start.ts';
import { runAdminCommand } from './admin.ts';

const USAGE = `Usage: orbis <command> [options]

Commands:
  serve                         start the web server (migrates first)
  migrate                       apply database migrations and exit
  seed --demo                   load the demo alliance into the database
  user create --email E --name N [--password P] [--secretariat]
                                create a verified account
  institution create --key K --name N --country CC --type T [--short-name S] [--city C] [--website URL] [--status S]
                                create a member institution

Configuration comes from the environment; see the README.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await startServer(config);
      return -1;
    case 'migrate': {
      const handle = await openDatabase(
        config.database.kind === 'postgres'
          ? { kind: 'postgres', url: config.database.url }
          : { kind: 'pglite', dataDir: config.database.dataDir },
      );
      await applyMigrations(handle);
      await handle.close();
      console.log('Migrations applied.');
      return 0;
    }
    default:
      return runAdminCommand(config, command, rest);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
