/**
 * File names from uploads: one safe for storage keys (ASCII letters, digits, `.`, `_`, `-`),
 * and one for people (the original, without paths or control characters), both ending in the
 * extension of the type the bytes really are.
 */
const MAX_NAME_LENGTH = 120;

function baseName(filename: string): string {
  return filename.split(/[\\/]/).pop() ?? '';
}

function withoutExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

export function toSafeFileName(filename: string, extension: string): string {
  const stem = withoutExtension(baseName(filename))
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, MAX_NAME_LENGTH);
  return `${stem || 'file'}.${extension}`;
}

export function toDisplayFileName(filename: string, extension: string): string {
  const stem = withoutExtension(baseName(filename))
    .replace(/\p{Cc}|"/gu, '')
    .trim()
    .slice(0, MAX_NAME_LENGTH);
  return `${stem || 'file'}.${extension}`;
}
