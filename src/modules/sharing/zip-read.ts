import { Inflate } from 'fflate';
import { updateCrc32 } from './crc32.ts';
import { FatalPackageProblem, problem, type PackageProblem } from './problems.ts';
import { checkEntryName, foldName } from './zip-names.ts';

/** What an archive may hold; the importer passes the upload limit as maxBytes. */
export type ZipLimits = { maxBytes: number; maxEntries: number; maxRatio: number };

export type ReadArchive = { files: Map<string, Uint8Array>; problems: PackageProblem[] };

type CentralEntry = {
  name: string;
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  madeBy: number;
  externalAttributes: number;
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
// Compressed bytes handed to the inflater at a time: deflate expands at most ~1032×, so one push
// yields at most a few megabytes before the size checks run again.
const INFLATE_CHUNK = 4096;
// Ratios this high on entries this large only come from bombs; real media barely compress.
const RATIO_FLOOR_BYTES = 1024 * 1024;

const fatal = (code: string, message: string) => new FatalPackageProblem(problem(code, 'archive', message));

function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= Math.max(0, last - 0xffff); at -= 1) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  throw fatal('package.not_a_zip', 'The file is not a zip archive.');
}

function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits): { entries: CentralEntry[]; end: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 22) throw fatal('package.not_a_zip', 'The file is not a zip archive.');
  const eocd = findEndOfCentralDirectory(view);
  const [disk, cdDisk, onDisk, total] = [4, 6, 8, 10].map((offset) => view.getUint16(eocd + offset, true));
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw fatal('package.zip64', 'ZIP64 archives are not accepted; packages must stay under 4 GB.');
  }
  if (disk !== 0 || cdDisk !== 0 || onDisk !== total)
    throw fatal('package.multi_disk', 'Split archives are not accepted.');
  if (total! > limits.maxEntries) {
    throw fatal(
      'package.too_many_entries',
      `The archive has ${total} entries; at most ${limits.maxEntries} are allowed.`,
    );
  }
  if (cdOffset + cdSize > eocd) throw fatal('package.corrupt', 'The central directory lies outside the archive.');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: CentralEntry[] = [];
  let at = cdOffset;
  for (let index = 0; index < total!; index += 1) {
    if (at + 46 > cdOffset + cdSize || view.getUint32(at, true) !== CENTRAL) {
      throw fatal('package.corrupt', 'The central directory is damaged.');
    }
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (at + 46 + skip > cdOffset + cdSize) throw fatal('package.corrupt', 'The central directory is damaged.');
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    let name: string;
    try {
      name = decoder.decode(nameBytes);
    } catch {
      name = `(entry ${index + 1}: name is not UTF-8)`;
    }
    entries.push({
      name,
      nameBytes,
      madeBy: view.getUint16(at + 4, true),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      externalAttributes: view.getUint32(at + 38, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + skip;
  }
  return { entries, end: cdOffset };
}

function isSymlink(entry: CentralEntry): boolean {
  const host = entry.madeBy >> 8;
  // Unix (3) and macOS (19) keep the file mode in the upper half of the external attributes.
  return (host === 3 || host === 19) && ((entry.externalAttributes >>> 16) & 0o170000) === 0o120000;
}

/** Problems of one entry that are known from the central directory alone. */
function checkEntry(entry: CentralEntry, limits: ZipLimits): PackageProblem[] {
  const found = checkEntryName(entry.name);
  const add = (code: string, message: string) => found.push(problem(code, entry.name, message));
  if (entry.name.startsWith('(entry ')) add('entry.bad_name', 'The entry name is not valid UTF-8.');
  if (isSymlink(entry)) add('entry.symlink', 'The entry is a symbolic link.');
  if (entry.flags & 0x1) add('entry.encrypted', 'The entry is encrypted.');
  if (entry.method !== 0 && entry.method !== 8)
    add('entry.compression', 'The entry uses a compression method other than deflate.');
  if (entry.method === 0 && entry.size !== entry.compressedSize)
    add('entry.size_mismatch', 'A stored entry declares two sizes.');
  const ratio = entry.size / Math.max(entry.compressedSize, 1);
  if (entry.size > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) {
    add(
      'entry.compression_ratio',
      `The entry expands ${Math.round(ratio)} times; at most ${limits.maxRatio} is allowed.`,
    );
  }
  return found;
}

function findDuplicates(entries: readonly CentralEntry[]): PackageProblem[] {
  const seen = new Map<string, string>();
  const found: PackageProblem[] = [];
  for (const entry of entries) {
    const folded = foldName(entry.name);
    const earlier = seen.get(folded);
    if (earlier === undefined) seen.set(folded, entry.name);
    else if (earlier === entry.name) found.push(problem('entry.duplicate', entry.name, 'The name appears twice.'));
    else
      found.push(problem('entry.duplicate', entry.name, `The name differs from "${earlier}" only in case or accents.`));
  }
  return found;
}

/** Where an entry's compressed bytes are, after checking its local header agrees with the directory. */
function locateData(
  bytes: Uint8Array,
  entry: CentralEntry,
  end: number,
): { start: number; stop: number } | PackageProblem {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > end || view.getUint32(at, true) !== LOCAL) {
    return problem('entry.corrupt', entry.name, 'The entry’s local header is missing.');
  }
  const nameLength = view.getUint16(at + 26, true);
  const start = at + 30 + nameLength + view.getUint16(at + 28, true);
  const localName = bytes.subarray(at + 30, at + 30 + nameLength);
  if (Buffer.compare(localName, entry.nameBytes) !== 0) {
    return problem('entry.header_mismatch', entry.name, 'The entry’s local header names another file.');
  }
  if (start + entry.compressedSize > end)
    return problem('entry.corrupt', entry.name, 'The entry runs past its archive.');
  return { start, stop: start + entry.compressedSize };
}

function findOverlaps(ranges: readonly { name: string; start: number; stop: number }[]): PackageProblem[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  return sorted.flatMap((range, index) => {
    const previous = sorted[index - 1];
    return previous && range.start < previous.stop
      ? [problem('entry.overlap', range.name, `The entry shares bytes with "${previous.name}".`)]
      : [];
  });
}

type Budget = { remaining: number };

/** Inflates one entry, stopping as soon as it produces more than it declared or the budget allows. */
function inflateEntry(data: Uint8Array, entry: CentralEntry, budget: Budget): Uint8Array | PackageProblem {
  const tooBig = () => problem('entry.size_mismatch', entry.name, 'The entry expands beyond the size it declares.');
  if (entry.method === 0) return checkCrc(data, entry) ?? data;
  const output = new Uint8Array(entry.size);
  let written = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (overflow || written + chunk.byteLength > entry.size) {
      overflow = true;
      return;
    }
    output.set(chunk, written);
    written += chunk.byteLength;
  });
  try {
    for (let at = 0; at < data.byteLength && !overflow; at += INFLATE_CHUNK) {
      const stop = Math.min(at + INFLATE_CHUNK, data.byteLength);
      inflater.push(data.subarray(at, stop), stop === data.byteLength);
    }
  } catch {
    return problem('entry.corrupt', entry.name, 'The entry’s compressed data is damaged.');
  }
  if (overflow) return tooBig();
  if (written !== entry.size)
    return problem('entry.size_mismatch', entry.name, 'The entry is shorter than it declares.');
  budget.remaining -= written;
  return checkCrc(output, entry) ?? output;
}

function checkCrc(bytes: Uint8Array, entry: CentralEntry): PackageProblem | null {
  return updateCrc32(0, bytes) === entry.crc
    ? null
    : problem('entry.crc', entry.name, 'The entry’s checksum does not match.');
}

/**
 * Reads a zip held in memory without trusting it: names, types, declared and real sizes are all
 * checked, and problems are collected rather than thrown so one answer can list them all. Throws
 * FatalPackageProblem when the archive cannot be read at all or is over a limit.
 */
export function readArchive(bytes: Uint8Array, limits: ZipLimits): ReadArchive {
  if (bytes.byteLength > limits.maxBytes) {
    throw fatal('package.too_large', `The package is larger than ${limits.maxBytes} bytes.`);
  }
  const { entries, end } = readCentralDirectory(bytes, limits);
  const declared = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (declared > limits.maxBytes) {
    throw fatal(
      'package.too_large',
      `The archive would expand to ${declared} bytes; at most ${limits.maxBytes} are allowed.`,
    );
  }
  const problems = [...entries.flatMap((entry) => checkEntry(entry, limits)), ...findDuplicates(entries)];
  const ranges: { name: string; start: number; stop: number; entry: CentralEntry }[] = [];
  for (const entry of entries) {
    const located = locateData(bytes, entry, end);
    if ('code' in located) problems.push(located);
    else ranges.push({ name: entry.name, ...located, entry });
  }
  problems.push(...findOverlaps(ranges));
  const files = new Map<string, Uint8Array>();
  const flagged = new Set(problems.map((entry) => entry.where));
  const budget = { remaining: limits.maxBytes };
  for (const range of ranges) {
    if (flagged.has(range.name) || range.name.endsWith('/')) continue;
    const result = inflateEntry(bytes.subarray(range.start, range.stop), range.entry, budget);
    if (budget.remaining < 0) throw fatal('package.too_large', 'The archive expands beyond the upload limit.');
    if ('code' in result) problems.push(result);
    else files.set(range.name, result);
  }
  return { files, problems };
}
