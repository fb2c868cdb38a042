import sharp, { type Metadata } from 'sharp';

/** 40 megapixels: larger than any camera photo we expect, small enough to decode safely. */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** The largest output edge we produce, so a request cannot ask for a giant thumbnail. */
export const MAX_OUTPUT_EDGE = 4096;

const ACCEPTED_INPUT_FORMATS = new Set(['png', 'jpeg', 'webp', 'gif']);

export type ResizeOptions = {
  width: number;
  /** With a height the image is cropped to fill exactly width × height; without, it keeps its shape. */
  height?: number;
  format: 'webp' | 'jpeg';
  /** 1–100; 80 by default. */
  quality?: number;
};

export type ImageInfo = { width: number; height: number; format: 'png' | 'jpeg' | 'webp' | 'gif' };

/** The bytes are not an image we accept (or not an image at all). */
export class ImageFormatError extends Error {
  override name = 'ImageFormatError';
}

/** The image has too many pixels to decode safely (a decompression bomb, or simply too big). */
export class ImageTooLargeError extends Error {
  override name = 'ImageTooLargeError';
}

/** Reads an image's size and format from its header without decoding the pixels. */
export async function readImageInfo(bytes: Uint8Array): Promise<ImageInfo> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageFormatError('The file is not a readable image');
  }
  const { format, width, height } = metadata;
  if (!format || !ACCEPTED_INPUT_FORMATS.has(format) || !width || !height) {
    throw new ImageFormatError('Images must be PNG, JPEG, WebP or GIF');
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ImageTooLargeError(
      `The image is ${width} × ${height} pixels; images may have at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`,
    );
  }
  return { width, height, format: format as ImageInfo['format'] };
}

/**
 * Scales an image down (never up) and re-encodes it. The header is checked before any pixel is
 * decoded, EXIF orientation is applied, and all metadata (location, camera, comments) is dropped.
 */
export async function resizeImage(bytes: Uint8Array, options: ResizeOptions): Promise<Uint8Array> {
  const width = checkEdge('width', options.width);
  const height = options.height === undefined ? undefined : checkEdge('height', options.height);
  const quality = options.quality ?? 80;
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
    throw new RangeError('Image quality must be a whole number from 1 to 100');
  }
  await readImageInfo(bytes);
  // The pixel limit is set again for the decoder itself, in case the header lied.
  const pipeline = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width, height, fit: height === undefined ? 'inside' : 'cover', withoutEnlargement: true });
  const encoded =
    options.format === 'webp'
      ? pipeline.webp({ quality })
      : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: true });
  try {
    return new Uint8Array(await encoded.toBuffer());
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      throw new ImageTooLargeError(`Images may have at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`);
    }
    throw new ImageFormatError('The image could not be decoded');
  }
}

function checkEdge(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_OUTPUT_EDGE) {
    throw new RangeError(`Image ${name} must be a whole number from 1 to ${MAX_OUTPUT_EDGE}`);
  }
  return value;
}

/**
 * True when the image already is what `resizeImage` would make of it: the wanted format, no
 * wider than `maxWidth`, and carrying no metadata. Re-encoding such an image would only lose
 * quality, and would change its bytes on every export and import of a course.
 */
export async function isNormalizedImage(
  bytes: Uint8Array,
  options: { maxWidth: number; format: 'webp' | 'jpeg' },
): Promise<boolean> {
  try {
    const metadata = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
    return (
      metadata.format === options.format &&
      (metadata.width ?? Infinity) <= options.maxWidth &&
      !metadata.exif &&
      !metadata.xmp &&
      !metadata.iptc &&
      !metadata.icc
    );
  } catch {
    return false;
  }
}
