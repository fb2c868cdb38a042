import zlib from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageFormatError, ImageTooLargeError, isNormalizedImage, readImageInfo, resizeImage } from './index.ts';

function makeImage(width: number, height: number): Sharp {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 60 } } });
}

/** A tiny PNG whose header claims a huge size, as a decompression bomb would. */
function pngClaiming(width: number, height: number): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(64))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength, 0);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type), data])), 0);
  return Buffer.concat([length, Buffer.from(type), data, crc]);
}

describe('resizeImage', () => {
  it('scales down keeping the shape and encodes WebP', async () => {
    const png = await makeImage(400, 300).png().toBuffer();
    const output = await resizeImage(png, { width: 100, format: 'webp' });
    expect(await readImageInfo(output)).toEqual({ width: 100, height: 75, format: 'webp' });
  });

  it('crops to fill an exact box and encodes JPEG', async () => {
    const png = await makeImage(400, 300).png().toBuffer();
    const output = await resizeImage(png, { width: 120, height: 120, format: 'jpeg', quality: 70 });
    expect(await readImageInfo(output)).toEqual({ width: 120, height: 120, format: 'jpeg' });
  });

  it('never enlarges a small image', async () => {
    const gif = await makeImage(40, 20).gif().toBuffer();
    expect(await readImageInfo(await resizeImage(gif, { width: 400, format: 'webp' }))).toMatchObject({
      width: 40,
      height: 20,
    });
  });

  it('drops EXIF and other metadata but applies the orientation first', async () => {
    const jpeg = await makeImage(200, 100)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Copyright: 'secret camera owner', ImageDescription: 'home address' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    for (const format of ['jpeg', 'webp'] as const) {
      const output = await resizeImage(jpeg, { width: 50, format });
      const metadata = await sharp(output).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(metadata.icc).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
      // Orientation 6 turns the 200×100 landscape into a 100×200 portrait before scaling.
      expect([metadata.width, metadata.height]).toEqual([50, 100]);
      expect(Buffer.from(output).includes('secret camera owner')).toBe(false);
    }
  });

  it('refuses decompression bombs before decoding them', async () => {
    const bomb = pngClaiming(10_000, 5_000);
    await expect(resizeImage(bomb, { width: 100, format: 'webp' })).rejects.toBeInstanceOf(ImageTooLargeError);
    await expect(readImageInfo(bomb)).rejects.toThrow(/10000 × 5000 pixels; images may have at most 40 megapixels/);
  });

  it('refuses what is not an accepted image', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expect(resizeImage(svg, { width: 10, format: 'webp' })).rejects.toBeInstanceOf(ImageFormatError);
    await expect(resizeImage(Buffer.from('not an image'), { width: 10, format: 'webp' })).rejects.toBeInstanceOf(
      ImageFormatError,
    );
    const tiff = await makeImage(10, 10).tiff().toBuffer();
    await expect(resizeImage(tiff, { width: 10, format: 'jpeg' })).rejects.toThrow(/PNG, JPEG, WebP or GIF/);
  });

  it('refuses a truncated image with a clear error', async () => {
    const png = await makeImage(300, 300).png({ compressionLevel: 0 }).toBuffer();
    await expect(resizeImage(png.subarray(0, 2000), { width: 10, format: 'webp' })).rejects.toBeInstanceOf(
      ImageFormatError,
    );
  });

  it('checks the requested size and quality', async () => {
    const png = await makeImage(10, 10).png().toBuffer();
    await expect(resizeImage(png, { width: 0, format: 'webp' })).rejects.toThrow(/width/);
    await expect(resizeImage(png, { width: 10.5, format: 'webp' })).rejects.toThrow(/width/);
    await expect(resizeImage(png, { width: 10, height: 100_000, format: 'webp' })).rejects.toThrow(/height/);
    await expect(resizeImage(png, { width: 10, format: 'webp', quality: 0 })).rejects.toThrow(/quality/);
  });
});

describe('images that need no re-encoding', () => {
  it('are recognised only when already small, WebP and free of metadata', async () => {
    const source = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#3a6' } })
      .png()
      .toBuffer();
    const normalized = await resizeImage(source, { width: 1280, format: 'webp' });
    expect(await isNormalizedImage(normalized, { maxWidth: 1280, format: 'webp' })).toBe(true);
    expect(await isNormalizedImage(normalized, { maxWidth: 200, format: 'webp' })).toBe(false);
    expect(await isNormalizedImage(source, { maxWidth: 1280, format: 'webp' })).toBe(false);
    const withExif = await sharp(normalized)
      .withExif({ IFD0: { Copyright: 'someone' } })
      .webp()
      .toBuffer();
    expect(await isNormalizedImage(withExif, { maxWidth: 1280, format: 'webp' })).toBe(false);
    expect(await isNormalizedImage(Buffer.from('not an image'), { maxWidth: 1280, format: 'webp' })).toBe(false);
  });
});
