export {
  ImageFormatError,
  ImageTooLargeError,
  MAX_IMAGE_PIXELS,
  MAX_OUTPUT_EDGE,
  isNormalizedImage,
  readImageInfo,
  resizeImage,
  type ImageInfo,
  type ResizeOptions,
} from './resize.ts';
