export {
  ImageFormatError,
  ImageTooLargeError,
  MAX_IMAGE_PIXELS,
  MAX_OUTPUT_EDGE,
  readImageInfo,
  resizeImage,
  type ImageInfo,
  type ResizeOptions,
} from './resize.ts';
