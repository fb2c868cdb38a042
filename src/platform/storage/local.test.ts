import { mkdtemp, readFile, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.ts';
import { createLocalStorage, createStorageFromConfig } from './index.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'orbis-local-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('createLocalStorage', () => {
  it('keeps objects as plain files below the root with a sidecar for type and checksum', async () => {
    const storage = createLocalStorage(root);
    await storage.put('images/a/b.png', Buffer.from('png'), { contentType: 'image/png' });
    expect(await listFiles(root)).toEqual(['images/a/b.png', 'images/a/b.png.meta.json']);
    expect(await readFile(path.join(root, 'images/a/b.png'), 'utf8')).toBe('png');
    expect(JSON.parse(await readFile(path.join(root, 'images/a/b.png.meta.json'), 'utf8'))).toMatchObject({
      contentType: 'image/png',
      size: 3,
    });
  });

  it('still serves a file whose sidecar is missing or stale, without claiming a checksum', async () => {
    const storage = createLocalStorage(root);
    await storage.put('a.txt', Buffer.from('one'), { contentType: 'text/plain' });
    await writeFile(path.join(root, 'a.txt'), 'longer content');
    expect(await storage.head('a.txt')).toEqual({
      key: 'a.txt',
      size: 14,
      contentType: 'application/octet-stream',
      sha256: null,
    });
    await unlink(path.join(root, 'a.txt.meta.json'));
    expect(await storage.head('a.txt')).toMatchObject({ contentType: 'application/octet-stream', sha256: null });
  });

  it('leaves the previous object and no temporary files when a write fails midway', async () => {
    const storage = createLocalStorage(root);
    await storage.put('video.mp4', Buffer.from('old video'), { contentType: 'video/mp4' });
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from('new vid');
      throw new Error('connection reset');
    }
    await expect(storage.put('video.mp4', Readable.from(failing()), { contentType: 'video/mp4' })).rejects.toThrow(
      'connection reset',
    );
    expect(await text((await storage.get('video.mp4')).stream)).toBe('old video');
    expect(await listFiles(root)).toEqual(['video.mp4', 'video.mp4.meta.json']);
  });

  it('never shows a reader a half-written object', async () => {
    const storage = createLocalStorage(root);
    const oldBody = Buffer.alloc(64 * 1024, 'a');
    const newBody = Buffer.alloc(64 * 1024, 'b');
    await storage.put('big.bin', oldBody, { contentType: 'application/octet-stream' });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* slow(): AsyncGenerator<Buffer> {
      yield newBody.subarray(0, 1024);
      await gate;
      yield newBody.subarray(1024);
    }
    const writing = storage.put('big.bin', Readable.from(slow()), { contentType: 'application/octet-stream' });
    const during = Buffer.concat(await (await storage.get('big.bin')).stream.toArray());
    expect(during.equals(oldBody)).toBe(true);
    release();
    await writing;
    const after = Buffer.concat(await (await storage.get('big.bin')).stream.toArray());
    expect(after.equals(newBody)).toBe(true);
  });

  it('treats a folder as no object', async () => {
    const storage = createLocalStorage(root);
    await storage.put('folder/file', Buffer.from('x'), { contentType: 'text/plain' });
    expect(await storage.head('folder')).toBeNull();
    await expect(storage.get('folder')).rejects.toThrow(/No stored object/);
    expect(await storage.head('folder/file/deeper')).toBeNull();
  });
});

describe('createStorageFromConfig', () => {
  it('uses the media folder of the data directory by default', async () => {
    const storage = createStorageFromConfig(loadConfig({ ORBIS_DATA_DIR: root }));
    expect(storage.kind).toBe('local');
    await storage.put('x.txt', Buffer.from('x'), { contentType: 'text/plain' });
    expect(await listFiles(path.join(root, 'media'))).toContain('x.txt');
  });

  it('builds the S3 driver when a bucket is configured', async () => {
    const storage = createStorageFromConfig(
      loadConfig({ ORBIS_S3_BUCKET: 'orbis-media', ORBIS_S3_ENDPOINT: 'http://127.0.0.1:1' }),
    );
    expect(storage.kind).toBe('s3');
    await storage.close();
  });
});
