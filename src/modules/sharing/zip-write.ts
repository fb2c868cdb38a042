import { zipSync, type Zippable } from 'fflate';

// A fixed time for every entry: the same course exports to the same bytes.
const ENTRY_TIME = new Date('2000-01-01T00:00:00Z');

export type ArchiveFile = { name: string; bytes: Uint8Array; compress: boolean };

/** A zip of the files in the order given; media that are compressed already are stored as they are. */
export function writeArchive(files: readonly ArchiveFile[]): Uint8Array {
  const zippable: Zippable = {};
  for (const file of files) {
    zippable[file.name] = [file.bytes, { level: file.compress ? 6 : 0, mtime: ENTRY_TIME }];
  }
  return zipSync(zippable);
}

/** An ASCII name for an archive path, keeping the extension: "Lecture 1 (é).pdf" → "Lecture-1-e.pdf". */
export function toArchiveFileName(filename: string): string {
  const clean = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100);
  const dot = filename.lastIndexOf('.');
  const stem = clean(dot > 0 ? filename.slice(0, dot) : filename) || 'file';
  const extension = dot > 0 ? clean(filename.slice(dot + 1)).slice(0, 10) : '';
  return extension ? `${stem}.${extension}` : stem;
}
