import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { writeHashedFile } from './hashing.ts';
import { SIDECAR_SUFFIX, assertValidKey, resolveRange } from './keys.ts';
import {
  StorageKeyError,
  StorageNotFoundError,
  type ByteRange,
  type ObjectBody,
  type ObjectInfo,
  type ObjectStorage,
  type PutOptions,
  type StoredObject,
} from './types.ts';

type Sidecar = { contentType: string; size: number; sha256: string };

const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

/**
 * Objects as files below `rootDir` (by default `<ORBIS_DATA_DIR>/media`), each with a small JSON
 * sidecar holding its content type and checksum. Writes land in a hidden temporary file in the
 * same folder and are renamed into place, so a reader sees the old or the new object, never part.
 */
export function createLocalStorage(rootDir: string): ObjectStorage & { readonly rootDir: string } {
  const root = path.resolve(rootDir);

  function locate(key: string): string {
    assertValidKey(key);
    const filePath = path.resolve(root, key);
    // Defence in depth: key validation already forbids every way out of the root.
    if (!filePath.startsWith(root + path.sep)) throw new StorageKeyError(`Storage key "${key}" leaves the root`);
    return filePath;
  }

  async function readSidecar(filePath: string, size: number): Promise<Sidecar | null> {
    try {
      const parsed = JSON.parse(await readFile(filePath + SIDECAR_SUFFIX, 'utf8')) as Partial<Sidecar>;
      // A sidecar from an earlier version of the object (a crash between the two renames) is ignored.
      if (parsed.size !== size || typeof parsed.contentType !== 'string' || typeof parsed.sha256 !== 'string') {
        return null;
      }
      return { contentType: parsed.contentType, size, sha256: parsed.sha256 };
    } catch {
      return null;
    }
  }

  function describe(key: string, size: number, sidecar: Sidecar | null): ObjectInfo {
    return {
      key,
      size,
      contentType: sidecar?.contentType ?? FALLBACK_CONTENT_TYPE,
      sha256: sidecar?.sha256 ?? null,
    };
  }

  async function head(key: string): Promise<ObjectInfo | null> {
    const filePath = locate(key);
    try {
      const stats = await stat(filePath);
      if (!stats.isFile()) return null;
      return describe(key, stats.size, await readSidecar(filePath, stats.size));
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw error;
    }
  }

  return {
    kind: 'local',
    rootDir: root,

    async put(key: string, body: Uint8Array | Readable, options: PutOptions): Promise<StoredObject> {
      const filePath = locate(key);
      const folder = path.dirname(filePath);
      await mkdir(folder, { recursive: true });
      const temporary = path.join(folder, `.${path.basename(filePath)}.${randomUUID()}.tmp`);
      const temporarySidecar = `${temporary}${SIDECAR_SUFFIX}`;
      try {
        const written = await writeHashedFile(body, temporary);
        const sidecar: Sidecar = { contentType: options.contentType, ...written };
        await writeFile(temporarySidecar, JSON.stringify(sidecar), { flag: 'wx', mode: 0o640 });
        await rename(temporary, filePath);
        await rename(temporarySidecar, filePath + SIDECAR_SUFFIX);
        return { key, ...written };
      } finally {
        await rm(temporary, { force: true });
        await rm(temporarySidecar, { force: true });
      }
    },

    async get(key: string, range?: ByteRange): Promise<ObjectBody> {
      const filePath = locate(key);
      // Open first and stat the handle, so a concurrent replacement cannot mix two versions.
      const handle = await open(filePath, 'r').catch((error: unknown) => {
        throw isMissingFile(error) ? new StorageNotFoundError(key) : error;
      });
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) throw new StorageNotFoundError(key);
        const info = describe(key, stats.size, await readSidecar(filePath, stats.size));
        const resolved = resolveRange(range, stats.size);
        const stream = handle.createReadStream(
          resolved ? { start: resolved.start, end: resolved.end, autoClose: true } : { autoClose: true },
        );
        return { ...info, stream, range: resolved };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    head,

    async delete(key: string): Promise<void> {
      const filePath = locate(key);
      await rm(filePath, { force: true });
      await rm(filePath + SIDECAR_SUFFIX, { force: true });
    },

    async exists(key: string): Promise<boolean> {
      return (await head(key)) !== null;
    },

    async close(): Promise<void> {},
  };
}

function isMissingFile(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
