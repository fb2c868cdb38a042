export {
  StorageKeyError,
  StorageNotFoundError,
  StorageRangeError,
  isStorageNotFound,
  type ByteRange,
  type ObjectBody,
  type ObjectInfo,
  type ObjectStorage,
  type PutOptions,
  type StoredObject,
} from './types.ts';
export { assertValidKey, isValidKey } from './keys.ts';
export { createLocalStorage } from './local.ts';
export { createS3Storage, type S3StorageOptions } from './s3.ts';
export { createStorageFromConfig } from './from-config.ts';
export { peekStream } from './sniff.ts';
export {
  MEDIA_ALLOW_LISTS,
  MEDIA_SNIFF_BYTES,
  detectAllowedMediaType,
  detectMediaType,
  isAllowedMediaType,
  type MediaPurpose,
  type MediaType,
} from './media-type.ts';
