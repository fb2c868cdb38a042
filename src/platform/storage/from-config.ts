import type { StorageConfig } from '../config/index.ts';
import { createLocalStorage } from './local.ts';
import { createS3Storage } from './s3.ts';
import type { ObjectStorage } from './types.ts';

/** The storage the configuration names: an S3-compatible bucket if one is set, local disk otherwise. */
export function createStorageFromConfig(config: { storage: StorageConfig }): ObjectStorage {
  const settings = config.storage;
  if (settings.kind === 'local') return createLocalStorage(settings.dir);
  return createS3Storage({
    bucket: settings.bucket,
    region: settings.region,
    endpoint: settings.endpoint,
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    forcePathStyle: settings.forcePathStyle,
  });
}
