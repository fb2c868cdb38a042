/**
 * Baked badges (Open Badges 3.0 §5.3): the credential travels inside its PNG image, in one
 * `iTXt` chunk with the keyword `openbadgecredential` whose text is the credential JSON or its
 * compact JWT. Also draws a plain badge image to bake into, for issuers without artwork.
 */
import { TextDecoder } from 'node:util';
import zlib from 'node:zlib';
import sharp, { type OutputInfo } from 'sharp';
import { findFontFile, type FontScript } from './fonts.ts';

export const BAKED_CREDENTIAL_KEYWORD = 'openbadgecredential';

export type BadgePngProblem =
  | 'not_png'
  | 'truncated'
  | 'bad_chunk'
  | 'bad_crc'
  | 'missing_header'
  | 'missing_end'
  | 'bad_credential_chunk'
  | 'duplicate_credential'
  | 'bad_credential_text';

/** Every refusal of a PNG or of what is baked into it; `problem` says which. */
export class BadgePngError extends Error {
  override name = 'BadgePngError';

  constructor(
    readonly problem: BadgePngProblem,
    message: string,
  ) {
    super(message);
  }
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A compressed credential may not inflate past this: a JWT with a large proof is ~10 KB. */
const MAX_CREDENTIAL_BYTES = 4 * 1024 * 1024;
const KEYWORD_BYTES = Buffer.from(BAKED_CREDENTIAL_KEYWORD, 'latin1');

type Chunk = { type: string; data: Buffer; raw: Buffer };

/** Returns the PNG with the credential baked in, replacing any credential baked before. */
export function bakePngBadge(png: Buffer, credentialJsonOrJwt: string): Buffer {
  const text = Buffer.from(credentialJsonOrJwt, 'utf8');
  // A lone surrogate would be written as U+FFFD, changing the credential and breaking its proof.
  if (!credentialJsonOrJwt.trim() || text.toString('utf8') !== credentialJsonOrJwt) {
    throw new BadgePngError('bad_credential_text', 'The credential to bake is empty or not valid Unicode text.');
  }
  const chunks = readChunks(png).filter((chunk) => !isCredentialChunk(chunk));
  // keyword, NUL, compression flag 0, method 0, empty language tag, NUL, empty translated keyword, NUL
  const header = Buffer.concat([KEYWORD_BYTES, Buffer.from([0, 0, 0, 0, 0])]);
  const baked = buildChunk('iTXt', Buffer.concat([header, text]));
  const end = chunks.length - 1;
  return Buffer.concat([SIGNATURE, ...chunks.slice(0, end).map((chunk) => chunk.raw), baked, chunks[end]!.raw]);
}

/** The credential baked into a PNG, or null when there is none. Throws `BadgePngError`. */
export function readBakedCredential(png: Buffer): string | null {
  const found = readChunks(png).filter(isCredentialChunk);
  if (found.length > 1) {
    throw new BadgePngError('duplicate_credential', 'The PNG holds more than one baked credential.');
  }
  return found.length ? readCredentialText(found[0]!.data) : null;
}

function isCredentialChunk(chunk: Chunk): boolean {
  return (
    chunk.type === 'iTXt' &&
    chunk.data.length > KEYWORD_BYTES.length &&
    chunk.data[KEYWORD_BYTES.length] === 0 &&
    chunk.data.subarray(0, KEYWORD_BYTES.length).equals(KEYWORD_BYTES)
  );
}

function readCredentialText(data: Buffer): string {
  let offset = KEYWORD_BYTES.length + 1;
  const compressed = data[offset];
  const method = data[offset + 1];
  if ((compressed !== 0 && compressed !== 1) || method !== 0) {
    throw new BadgePngError('bad_credential_chunk', 'The baked credential uses an unknown compression.');
  }
  offset += 2;
  for (const field of ['language tag', 'translated keyword']) {
    const nul = data.indexOf(0, offset);
    if (nul < 0) throw new BadgePngError('bad_credential_chunk', `The baked credential chunk has no ${field} end.`);
    offset = nul + 1;
  }
  let text = data.subarray(offset);
  if (compressed === 1) {
    try {
      text = zlib.inflateSync(text, { maxOutputLength: MAX_CREDENTIAL_BYTES });
    } catch {
      throw new BadgePngError('bad_credential_chunk', 'The baked credential does not decompress.');
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(text);
  } catch {
    throw new BadgePngError('bad_credential_text', 'The baked credential is not valid UTF-8 text.');
  }
}

/** Splits a PNG into chunks up to IEND, checking the signature, the lengths and every CRC. */
function readChunks(png: Buffer): Chunk[] {
  if (!Buffer.isBuffer(png) || png.length < SIGNATURE.length || !png.subarray(0, 8).equals(SIGNATURE)) {
    throw new BadgePngError('not_png', 'The file is not a PNG image (wrong signature).');
  }
  const chunks: Chunk[] = [];
  let offset = SIGNATURE.length;
  while (offset < png.length) {
    if (offset + 12 > png.length) throw new BadgePngError('truncated', `The PNG is cut off at byte ${offset}.`);
    const length = png.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > png.length) {
      throw new BadgePngError('truncated', `A PNG chunk at byte ${offset} runs past the end of the file.`);
    }
    const typeBytes = png.subarray(offset + 4, offset + 8);
    const type = typeBytes.toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type)) {
      throw new BadgePngError('bad_chunk', `The PNG has a malformed chunk type at byte ${offset}.`);
    }
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (zlib.crc32(data, zlib.crc32(typeBytes)) !== png.readUInt32BE(offset + 8 + length)) {
      throw new BadgePngError('bad_crc', `The CRC of the PNG chunk ${type} at byte ${offset} is wrong.`);
    }
    if (chunks.length === 0 && (type !== 'IHDR' || length !== 13)) {
      throw new BadgePngError('missing_header', 'The PNG does not start with its IHDR header.');
    }
    chunks.push({ type, data, raw: png.subarray(offset, end) });
    // Bytes after IEND are not part of the image; they are dropped.
    if (type === 'IEND') return chunks;
    offset = end;
  }
  throw new BadgePngError(chunks.length ? 'missing_end' : 'truncated', 'The PNG has no IEND chunk.');
}

function buildChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

export type BadgeImageInput = {
  title: string;
  issuerName: string;
  /** `#rrggbb`; anything else falls back to the default teal. */
  accent?: string;
};

const BADGE_SIZE = 400;
const DEFAULT_ACCENT = '#0b5563';
/** Pango picks, for each script in a text, the first of these families that covers it. */
const BADGE_FAMILIES = 'Noto Sans,Noto Sans S Chinese,Noto Naskh Arabic';
let badgeFonts: Promise<void> | null = null;

/**
 * A 400×400 round badge. The shapes are SVG; the text is set by Pango (sharp's text input) with
 * the Noto files from npm, registered with fontconfig first, because the SVG renderer would only
 * find system fonts and a server may have none: so Chinese and Arabic titles are shaped and drawn.
 */
export async function renderBadgePng(input: BadgeImageInput): Promise<Buffer> {
  await registerBadgeFonts();
  const accent = /^#[0-9a-f]{6}$/i.test(input.accent ?? '') ? input.accent! : DEFAULT_ACCENT;
  const title = await renderText(collapse(input.title), { weight: 'Bold', size: 30, width: 250, height: 116 });
  const issuer = await renderText(collapse(input.issuerName), { weight: 'Regular', size: 15, width: 210, height: 44 });
  const center = (image: { info: OutputInfo }, middle: number) => ({
    left: Math.round((BADGE_SIZE - image.info.width) / 2),
    top: Math.round(middle - image.info.height / 2),
  });
  return sharp(Buffer.from(buildBadgeSvg(accent)))
    .composite([
      { input: title.data, ...center(title, 190) },
      { input: issuer.data, ...center(issuer, 300) },
    ])
    .png({ compressionLevel: 9 })
    .toBuffer();
}

function buildBadgeSvg(accent: string): string {
  const light = mixWithWhite(accent, 0.22);
  const star = starPoints(200, 96, 17, 7.5);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${BADGE_SIZE}" height="${BADGE_SIZE}" viewBox="0 0 400 400">
<defs><linearGradient id="face" x1="0" y1="0" x2="0" y2="1">
<stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${accent}"/></linearGradient></defs>
<circle cx="200" cy="200" r="194" fill="${accent}"/>
<circle cx="200" cy="200" r="181" fill="url(#face)"/>
<circle cx="200" cy="200" r="168" fill="none" stroke="#ffffff" stroke-opacity="0.5" stroke-width="2" stroke-dasharray="1 7" stroke-linecap="round"/>
<polygon points="${star}" fill="#ffffff"/>
<line x1="170" y1="266" x2="230" y2="266" stroke="#ffffff" stroke-opacity="0.7" stroke-width="2"/>
</svg>`;
}

async function renderText(
  text: string,
  style: { weight: 'Bold' | 'Regular'; size: number; width: number; height: number },
): Promise<{ data: Buffer; info: OutputInfo }> {
  const markup = `<span foreground="#ffffff">${escapeMarkup(text || ' ')}</span>`;
  const font = `${BADGE_FAMILIES} ${style.weight}`;
  const options = {
    text: markup,
    rgba: true,
    align: 'centre' as const,
    wrap: 'word-char' as const,
    width: style.width,
  };
  const natural = await sharp({ text: { ...options, font: `${font} ${style.size}`, dpi: 72 } })
    .png()
    .toBuffer({ resolveWithObject: true });
  if (natural.info.height <= style.height) return natural;
  // Too long for the natural size: Pango picks the largest size that fits the box.
  return sharp({ text: { ...options, font, height: style.height } })
    .png()
    .toBuffer({ resolveWithObject: true });
}

/** Each `fontfile` given to sharp is added to fontconfig for the rest of the process. */
function registerBadgeFonts(): Promise<void> {
  badgeFonts ??= (async () => {
    for (const script of ['latin', 'cjk', 'arabic'] satisfies FontScript[]) {
      for (const weight of ['regular', 'bold'] as const) {
        await sharp({ text: { text: '.', fontfile: findFontFile(script, weight) } })
          .png()
          .toBuffer();
      }
    }
  })();
  badgeFonts.catch(() => (badgeFonts = null));
  return badgeFonts;
}

/** Pango markup is XML: the five special characters are escaped, control characters dropped. */
export function escapeMarkup(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
  return text.replace(/[&<>"']/g, (char) => entities[char]!);
}

function collapse(text: string): string {
  return text
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim()
    .slice(0, 300);
}

function mixWithWhite(hex: string, amount: number): string {
  const channels = [1, 3, 5].map((index) => Number.parseInt(hex.slice(index, index + 2), 16));
  const mixed = channels.map((value) => Math.round(value + (255 - value) * amount));
  return `#${mixed.map((value) => value.toString(16).padStart(2, '0')).join('')}`;
}

function starPoints(cx: number, cy: number, outer: number, inner: number): string {
  return Array.from({ length: 10 }, (_, index) => {
    const radius = index % 2 === 0 ? outer : inner;
    const angle = (Math.PI / 5) * index - Math.PI / 2;
    return `${(cx + radius * Math.cos(angle)).toFixed(2)},${(cy + radius * Math.sin(angle)).toFixed(2)}`;
  }).join(' ');
}
