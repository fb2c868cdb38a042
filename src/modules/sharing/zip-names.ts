import { problem, type PackageProblem } from './problems.ts';

/*
 * Entry names are checked as text before anything is inflated: a name is only ever used to find
 * an entry in the manifest, never as a path on disk, but an archive that carries such names was
 * made to attack some unzipper and is refused whole.
 */

// eslint-disable-next-line no-control-regex -- control characters in names are what we look for
const CONTROL = /[\u0000-\u001f\u007f]/u;

export function checkEntryName(name: string): PackageProblem[] {
  const found: PackageProblem[] = [];
  const add = (code: string, message: string) => found.push(problem(code, name || '(empty name)', message));
  if (name.length === 0) add('entry.empty_name', 'An entry has no name.');
  if (name.includes('\u0000')) add('entry.nul', 'The name contains a NUL character.');
  else if (CONTROL.test(name)) add('entry.control_character', 'The name contains a control character.');
  if (name.includes('\\')) add('entry.backslash', 'The name contains a backslash.');
  if (name.startsWith('/')) add('entry.absolute_path', 'The name is an absolute path.');
  if (/^[A-Za-z]:/.test(name)) add('entry.drive_letter', 'The name starts with a drive letter.');
  const segments = name.replace(/\/$/, '').split(/[\\/]/);
  if (segments.includes('..')) add('entry.parent_path', 'The name climbs out of the archive with "..".');
  if (name.length > 0 && !name.startsWith('/') && segments.some((segment) => segment === '' || segment === '.')) {
    add('entry.empty_segment', 'The name has an empty or "." path segment.');
  }
  if (name.length > 400) add('entry.long_name', 'The name is longer than 400 characters.');
  return found;
}

/** Names that collide on a case-insensitive file system or after Unicode normalisation. */
export function foldName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
