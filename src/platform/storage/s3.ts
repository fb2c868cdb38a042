import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type GetObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { hashBytes, writeHashedFile, type WrittenFile } from './hashing.ts';
import { assertValidKey, resolveRange } from './keys.ts';
import {
  StorageNotFoundError,
  StorageRangeError,
  type ByteRange,
  type ObjectBody,
  type ObjectInfo,
  type ObjectStorage,
  type PutOptions,
  type StoredObject,
} from './types.ts';

export type S3StorageOptions = {
  bucket: string;
  region: string;
  /** null or omitted: the provider's default endpoint (AWS). */
  endpoint?: string | null;
  /** Both null or omitted: the SDK's default credential chain. */
  accessKeyId?: string | null;
  secretAccessKey?: string | null;
  forcePathStyle?: boolean;
  /** Where streamed uploads are spooled to learn their length and checksum; the OS default if omitted. */
  spoolDir?: string;
};

const FALLBACK_CONTENT_TYPE = 'application/octet-stream';
const SHA256_METADATA = 'sha256';

/**
 * Objects in an S3-compatible bucket (AWS S3, MinIO, Garage, Ceph, R2…). Streams of unknown
 * length are spooled to a temporary file first: PutObject needs the length up front, and the
 * checksum is stored as object metadata so downloads can carry an ETag of our own.
 */
export function createS3Storage(options: S3StorageOptions): ObjectStorage {
  const { bucket } = options;
  const credentials =
    options.accessKeyId && options.secretAccessKey
      ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
      : undefined;
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    forcePathStyle: options.forcePathStyle ?? false,
    // Default CRC checksums use trailers many S3-compatible servers reject; send them only when required.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

  async function head(key: string): Promise<ObjectInfo | null> {
    assertValidKey(key);
    try {
      const response = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return {
        key,
        size: response.ContentLength ?? 0,
        contentType: response.ContentType ?? FALLBACK_CONTENT_TYPE,
        sha256: readSha256(response.Metadata),
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function upload(key: string, body: Uint8Array | Readable, contentType: string): Promise<WrittenFile> {
    if (!(body instanceof Readable)) {
      const written = hashBytes(body);
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentLength: written.size,
          ContentType: contentType,
          Metadata: { [SHA256_METADATA]: written.sha256 },
        }),
      );
      return written;
    }
    const folder = await mkdtemp(path.join(options.spoolDir ?? os.tmpdir(), 'orbis-upload-'));
    try {
      const spooled = path.join(folder, 'body');
      const written = await writeHashedFile(body, spooled);
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: createReadStream(spooled),
          ContentLength: written.size,
          ContentType: contentType,
          Metadata: { [SHA256_METADATA]: written.sha256 },
        }),
      );
      return written;
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  return {
    kind: 's3',

    async put(key: string, body: Uint8Array | Readable, { contentType }: PutOptions): Promise<StoredObject> {
      assertValidKey(key);
      return { key, ...(await upload(key, body, contentType)) };
    },

    async get(key: string, range?: ByteRange): Promise<ObjectBody> {
      assertValidKey(key);
      // Validate the range shape before asking; the server answers a range past the end with 416.
      if (range) resolveRange(range, Number.MAX_SAFE_INTEGER);
      let response: GetObjectCommandOutput;
      try {
        response = await client.send(
          new GetObjectCommand({
            Bucket: bucket,
            Key: key,
            ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
          }),
        );
      } catch (error) {
        if (isNotFound(error)) throw new StorageNotFoundError(key);
        if (statusOf(error) === 416) {
          throw new StorageRangeError(`Byte range ${range?.start}-${range?.end} starts past the end of "${key}"`);
        }
        throw error;
      }
      if (!(response.Body instanceof Readable)) throw new Error(`S3 returned no readable body for "${key}"`);
      const size = totalSize(response);
      return {
        key,
        size,
        contentType: response.ContentType ?? FALLBACK_CONTENT_TYPE,
        sha256: readSha256(response.Metadata),
        stream: response.Body,
        range: range ? resolveRange(range, size) : null,
      };
    },

    head,

    async delete(key: string): Promise<void> {
      assertValidKey(key);
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    async exists(key: string): Promise<boolean> {
      return (await head(key)) !== null;
    },

    async close(): Promise<void> {
      client.destroy();
    },
  };
}

/** The whole object's size: from `Content-Range: bytes a-b/total` for ranged reads. */
function totalSize(response: GetObjectCommandOutput): number {
  const total = /\/(\d+)$/.exec(response.ContentRange ?? '')?.[1];
  return total === undefined ? (response.ContentLength ?? 0) : Number(total);
}

function readSha256(metadata: Record<string, string> | undefined): string | null {
  const value = metadata?.[SHA256_METADATA];
  return value && /^[0-9a-f]{64}$/.test(value) ? value : null;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  // A missing bucket is a deployment mistake, not a missing object.
  if (name === 'NoSuchBucket') return false;
  return statusOf(error) === 404 || name === 'NoSuchKey' || name === 'NotFound';
}
