import { hasInstitutionRole, type Actor } from '../../../platform/access/index.ts';
import { notFound } from '../../../platform/errors/index.ts';

export const PROGRAMS_PATH = '/programs';

/** The form `newProgramSchema` accepts for a key; nothing else can name a program. */
const PROGRAM_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

export const programPath = (key: string) => `${PROGRAMS_PATH}/${key}`;
export const claimPath = (key: string) => `${programPath(key)}/claim`;
export const newProgramPath = (institutionKey: string) => `/institutions/${institutionKey}/programs/new`;
export const createProgramPath = (institutionKey: string) => `/institutions/${institutionKey}/programs`;
export const coursePath = (key: string) => `/courses/${key}`;
export const credentialPath = (uuid: string) => `/credentials/${uuid}`;
export const signInPath = (back: string) => `/sign-in?next=${encodeURIComponent(back)}`;

export type ProgramParams = { Params: { key: string } };

/** A program key from the address; nothing can exist at a malformed one, so it is a 404. */
export function requireProgramKey(value: unknown): string {
  if (typeof value !== 'string' || !PROGRAM_KEY_PATTERN.test(value)) throw notFound('program');
  return value;
}

/** The same rule `createProgram` applies: the institution's admins and registrars define its programs. */
export function canDefinePrograms(actor: Actor | null, institutionId: number): boolean {
  return hasInstitutionRole(actor, institutionId, 'admin') || hasInstitutionRole(actor, institutionId, 'registrar');
}
