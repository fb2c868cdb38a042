import { parseArgs } from 'node:util';
import { INSTITUTION_TYPES, MEMBERSHIP_STATUSES, type NewInstitution } from '../modules/institutions/index.ts';

export type AdminCommand =
  | { kind: 'seed-demo' }
  | { kind: 'user-create'; email: string; name: string; password: string | null; secretariat: boolean }
  | { kind: 'institution-create'; institution: NewInstitution };

export type ParsedCommand = { ok: true; command: AdminCommand } | { ok: false; message: string };

export const ADMIN_USAGE = `Administrative commands:
  seed --demo
  user create --email E --name N [--password P] [--secretariat]
  institution create --key K --name N --country CC --type T [--short-name S] [--city C] [--website URL] [--status S]
      types: ${INSTITUTION_TYPES.join(', ')}
      statuses: ${MEMBERSHIP_STATUSES.join(', ')}`;

const fail = (message: string): ParsedCommand => ({ ok: false, message });

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Reads an administrative command line; never prompts, so it runs the same in scripts and CI. */
export function parseAdminCommand(command: string, args: readonly string[]): ParsedCommand {
  try {
    switch (command) {
      case 'seed':
        return parseSeed(args);
      case 'user':
        return args[0] === 'create' ? parseUserCreate(args.slice(1)) : fail('Expected "user create".');
      case 'institution':
        return args[0] === 'create' ? parseInstitutionCreate(args.slice(1)) : fail('Expected "institution create".');
      default:
        return fail(`Unknown command "${command}".`);
    }
  } catch (error) {
    // parseArgs reports unknown options, missing values and stray arguments as TypeErrors.
    return fail(error instanceof Error ? error.message : String(error));
  }
}

function parseSeed(args: readonly string[]): ParsedCommand {
  const { values } = parseArgs({ args: [...args], strict: true, options: { demo: { type: 'boolean' } } });
  return values.demo ? { ok: true, command: { kind: 'seed-demo' } } : fail('"seed" needs --demo.');
}

function parseUserCreate(args: readonly string[]): ParsedCommand {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      secretariat: { type: 'boolean' },
    },
  });
  if (!values.email?.includes('@')) return fail('--email is required and must be an e-mail address.');
  if (!values.name?.trim()) return fail('--name is required.');
  if (values.password !== undefined && values.password.length < 10) {
    return fail('--password must be at least 10 characters long.');
  }
  return {
    ok: true,
    command: {
      kind: 'user-create',
      email: values.email,
      name: values.name.trim(),
      password: values.password ?? null,
      secretariat: values.secretariat ?? false,
    },
  };
}

function parseInstitutionCreate(args: readonly string[]): ParsedCommand {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      key: { type: 'string' },
      name: { type: 'string' },
      country: { type: 'string' },
      type: { type: 'string' },
      'short-name': { type: 'string' },
      city: { type: 'string' },
      website: { type: 'string' },
      status: { type: 'string' },
    },
  });
  const missing = (['key', 'name', 'country', 'type'] as const).filter((option) => !values[option]?.trim());
  if (missing.length > 0) return fail(`Missing ${missing.map((option) => `--${option}`).join(', ')}.`);
  const type = values.type!;
  if (!isOneOf(INSTITUTION_TYPES, type)) return fail(`--type must be one of ${INSTITUTION_TYPES.join(', ')}.`);
  const status = values.status ?? 'member';
  if (!isOneOf(MEMBERSHIP_STATUSES, status)) {
    return fail(`--status must be one of ${MEMBERSHIP_STATUSES.join(', ')}.`);
  }
  return {
    ok: true,
    command: {
      kind: 'institution-create',
      institution: {
        key: values.key!,
        name: { en: values.name! },
        country: values.country!,
        type,
        shortName: values['short-name'],
        city: values.city,
        website: values.website,
        membershipStatus: status,
      },
    },
  };
}
