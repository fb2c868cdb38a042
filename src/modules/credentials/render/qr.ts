/**
 * QR codes as vector shapes: a PDF stays sharp at any print size and smaller than with an
 * embedded bitmap. Dark modules of a row are merged into one rectangle.
 */
import QRCode from 'qrcode';

/** A horizontal stretch of dark modules, in module units from the top left of the symbol. */
export type QrRect = { x: number; y: number; width: number };
export type QrShape = { size: number; rects: QrRect[] };

/** The quiet zone the QR specification asks for on every side, in modules. */
export const QR_QUIET_ZONE = 4;

/** Level M survives a scuffed printout and keeps a 100-character URL at version 5 or so. */
export function buildQrShape(text: string): QrShape {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rects: QrRect[] = [];
  for (let y = 0; y < modules.size; y++) {
    let start = -1;
    for (let x = 0; x <= modules.size; x++) {
      const dark = x < modules.size && modules.get(y, x) !== 0;
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        rects.push({ x: start, y, width: x - start });
        start = -1;
      }
    }
  }
  return { size: modules.size, rects };
}
