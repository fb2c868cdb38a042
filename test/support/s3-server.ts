import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

type S3rverOptions = {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
};
type S3rverInstance = { run(): Promise<{ port: number }>; close(): Promise<void> };
type S3rverConstructor = new (options: S3rverOptions) => S3rverInstance;

// s3rver ships no type declarations; the two methods used here are typed above.
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;

export type TestS3Server = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  close(): Promise<void>;
};

/**
 * An S3-compatible server on 127.0.0.1 with a fresh bucket, for contract tests of the S3
 * driver. `ORBIS_TEST_S3_ENDPOINT` (with `ORBIS_TEST_S3_BUCKET`, `…_ACCESS_KEY_ID`,
 * `…_SECRET_ACCESS_KEY`) points the tests at another local server such as MinIO instead.
 */
export async function startTestS3Server(): Promise<TestS3Server> {
  const external = process.env.ORBIS_TEST_S3_ENDPOINT;
  if (external) {
    return {
      endpoint: external,
      bucket: process.env.ORBIS_TEST_S3_BUCKET ?? 'orbis-test',
      region: process.env.ORBIS_TEST_S3_REGION ?? 'us-east-1',
      accessKeyId: process.env.ORBIS_TEST_S3_ACCESS_KEY_ID ?? 'minioadmin',
      secretAccessKey: process.env.ORBIS_TEST_S3_SECRET_ACCESS_KEY ?? 'minioadmin',
      close: async () => {},
    };
  }
  const directory = await mkdtemp(path.join(os.tmpdir(), 'orbis-s3-'));
  const bucket = 'orbis-test';
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    // s3rver's fixed development credentials.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
