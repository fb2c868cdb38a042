import { mkdtemp, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3Server, type TestS3Server } from '../../../test/support/s3-server.ts';
import {
  StorageKeyError,
  StorageNotFoundError,
  StorageRangeError,
  createLocalStorage,
  createS3Storage,
  type ObjectStorage,
} from './index.ts';

type Driver = { storage: ObjectStorage; dispose(): Promise<void> };

async function openLocal(): Promise<Driver> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'orbis-storage-'));
  return { storage: createLocalStorage(root), dispose: () => rm(root, { recursive: true, force: true }) };
}

async function openS3(): Promise<Driver> {
  const server: TestS3Server = await startTestS3Server();
  const storage = createS3Storage({
    bucket: server.bucket,
    region: server.region,
    endpoint: server.endpoint,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
    forcePathStyle: true,
  });
  return {
    storage,
    dispose: async () => {
      await storage.close();
      await server.close();
    },
  };
}

const sha256 = (value: string | Buffer) => createHash('sha256').update(value).digest('hex');

// Both drivers must behave the same: services never know which one they run on.
describe.each([
  ['local disk', openLocal],
  ['S3-compatible server', openS3],
])('object storage contract: %s', (_name, open) => {
  let driver: Driver;
  let storage: ObjectStorage;
  beforeAll(async () => {
    driver = await open();
    storage = driver.storage;
  });
  afterAll(async () => {
    await driver.dispose();
  });

  it('stores bytes and reports their size and checksum', async () => {
    const stored = await storage.put('courses/c1/notes.txt', Buffer.from('hello world'), {
      contentType: 'text/plain; charset=utf-8',
    });
    expect(stored).toEqual({ key: 'courses/c1/notes.txt', size: 11, sha256: sha256('hello world') });
    const body = await storage.get('courses/c1/notes.txt');
    expect(body).toMatchObject({
      key: 'courses/c1/notes.txt',
      size: 11,
      contentType: 'text/plain; charset=utf-8',
      sha256: sha256('hello world'),
      range: null,
    });
    expect(await text(body.stream)).toBe('hello world');
  });

  it('stores a stream of unknown length', async () => {
    const chunks = Array.from({ length: 200 }, (_, index) => Buffer.alloc(1000, index % 256));
    const whole = Buffer.concat(chunks);
    const stored = await storage.put('video/v1.bin', Readable.from(chunks), { contentType: 'video/mp4' });
    expect(stored).toEqual({ key: 'video/v1.bin', size: whole.byteLength, sha256: sha256(whole) });
    const body = await storage.get('video/v1.bin');
    const read = Buffer.concat(await body.stream.toArray());
    expect(read.equals(whole)).toBe(true);
  });

  it('reads byte ranges and clamps an end past the last byte', async () => {
    await storage.put('range.txt', Buffer.from('0123456789'), { contentType: 'text/plain' });
    const middle = await storage.get('range.txt', { start: 2, end: 4 });
    expect(middle).toMatchObject({ size: 10, range: { start: 2, end: 4 } });
    expect(await text(middle.stream)).toBe('234');
    const tail = await storage.get('range.txt', { start: 7, end: 1000 });
    expect(tail.range).toEqual({ start: 7, end: 9 });
    expect(await text(tail.stream)).toBe('789');
    await expect(storage.get('range.txt', { start: 10, end: 12 })).rejects.toBeInstanceOf(StorageRangeError);
    await expect(storage.get('range.txt', { start: 5, end: 2 })).rejects.toBeInstanceOf(StorageRangeError);
  });

  it('describes, replaces and deletes objects', async () => {
    await storage.put('doc/a.pdf', Buffer.from('%PDF-1'), { contentType: 'application/pdf' });
    expect(await storage.head('doc/a.pdf')).toEqual({
      key: 'doc/a.pdf',
      size: 6,
      contentType: 'application/pdf',
      sha256: sha256('%PDF-1'),
    });
    await storage.put('doc/a.pdf', Buffer.from('%PDF-1.7 v2'), { contentType: 'application/pdf' });
    expect(await storage.head('doc/a.pdf')).toMatchObject({ size: 11, sha256: sha256('%PDF-1.7 v2') });
    expect(await storage.exists('doc/a.pdf')).toBe(true);
    await storage.delete('doc/a.pdf');
    expect(await storage.exists('doc/a.pdf')).toBe(false);
    await storage.delete('doc/a.pdf');
  });

  it('says clearly when an object is missing', async () => {
    expect(await storage.head('nothing/here')).toBeNull();
    expect(await storage.exists('nothing/here')).toBe(false);
    await expect(storage.get('nothing/here')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.get('nothing/here')).rejects.toThrow(/No stored object with key "nothing\/here"/);
  });

  it('stores empty objects', async () => {
    expect(await storage.put('empty', Buffer.alloc(0), { contentType: 'text/plain' })).toMatchObject({ size: 0 });
    const body = await storage.get('empty');
    expect(body.size).toBe(0);
    expect(await text(body.stream)).toBe('');
  });

  it.each(['../escape', 'a/../../b', '/abs', 'a//b', 'a/./b', '.hidden', 'a\\b', 'a b', 'ü', '', 'a/', 'x.meta.json'])(
    'refuses the key %j before touching storage',
    async (key) => {
      await expect(storage.put(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toBeInstanceOf(
        StorageKeyError,
      );
      await expect(storage.get(key)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.head(key)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(StorageKeyError);
    },
  );
});
