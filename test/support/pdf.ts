/**
 * Scans the QR code of a certificate PDF as a phone would read it: the squares the page draws
 * are painted into a bitmap with a quiet zone, and jsQR decodes the bitmap.
 */
import zlib from 'node:zlib';
import jsQRModule from 'jsqr';

// jsQR is CommonJS: Node hands its default export over as the module itself, types say otherwise.
const jsQR = jsQRModule as unknown as (typeof jsQRModule)['default'];

/** Every FlateDecode stream of a PDF, inflated (latin1 text). */
export function inflateStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const streams: string[] = [];
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = pdf.indexOf('endstream', start, 'latin1');
    try {
      streams.push(zlib.inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not a compressed stream.
    }
  }
  return streams;
}

/** The dark squares drawn inside the page's Figure (the QR code), in page units. */
function readFigureRectangles(pdf: Buffer): number[][] {
  const page = inflateStreams(pdf).find((stream) => stream.includes('/Figure'));
  if (!page) throw new Error('The PDF has no Figure element.');
  const start = page.indexOf('/Figure');
  const figure = page.slice(start, page.indexOf('EMC', start));
  return [...figure.matchAll(/(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+) re/g)].map((match) =>
    match.slice(1, 5).map(Number),
  );
}

/** The text the certificate's QR code holds, or null when it cannot be read. */
export function scanCertificateQr(pdf: Buffer): string | null {
  const rects = readFigureRectangles(pdf);
  if (rects.length === 0) return null;
  const unit = Math.min(...rects.map((rect) => rect[3]!));
  const left = Math.min(...rects.map((rect) => rect[0]!));
  const top = Math.min(...rects.map((rect) => rect[1]!));
  const modules = Math.max(
    ...rects.map((rect) => Math.round((rect[0]! - left + rect[2]!) / unit)),
    ...rects.map((rect) => Math.round((rect[1]! - top) / unit) + 1),
  );
  const scale = 4;
  const quiet = 4;
  const side = (modules + quiet * 2) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [x, y, width, height] of rects) {
    const column = Math.round((x! - left) / unit);
    const row = Math.round((y! - top) / unit);
    const span = Math.round(width! / unit);
    const rows = Math.round(height! / unit);
    for (let dy = 0; dy < rows * scale; dy += 1) {
      for (let dx = 0; dx < span * scale; dx += 1) {
        const px = (column + quiet) * scale + dx;
        const py = (row + quiet) * scale + dy;
        const offset = (py * side + px) * 4;
        pixels[offset] = 0;
        pixels[offset + 1] = 0;
        pixels[offset + 2] = 0;
      }
    }
  }
  return jsQR(pixels, side, side)?.data ?? null;
}
