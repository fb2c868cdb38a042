/** A type recognised from an object's first bytes, and the file extension that goes with it. */
export type MediaType = { mime: string; extension: string };

export type MediaPurpose = 'image' | 'video' | 'audio' | 'captions' | 'file';

/** How many leading bytes `detectMediaType` wants: enough for ZIP entry names and text checks. */
export const MEDIA_SNIFF_BYTES = 8192;

const OOXML = {
  word: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xl: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  ppt: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx' },
} as const;

const OPEN_DOCUMENT: Record<string, string> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};

/**
 * Which detected types each kind of upload accepts. SVG and HTML are absent on purpose: served
 * from our origin they could run scripts.
 */
export const MEDIA_ALLOW_LISTS: Readonly<Record<MediaPurpose, readonly string[]>> = {
  image: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
  video: ['video/mp4', 'video/x-m4v', 'video/webm', 'video/ogg'],
  audio: ['audio/mpeg', 'audio/ogg', 'audio/mp4', 'audio/wav'],
  captions: ['text/vtt'],
  file: [
    'application/pdf',
    'text/plain',
    'text/markdown',
    'text/csv',
    'application/zip',
    OOXML.word.mime,
    OOXML.xl.mime,
    OOXML.ppt.mime,
    ...Object.keys(OPEN_DOCUMENT),
  ],
};

export function isAllowedMediaType(purpose: MediaPurpose, mime: string): boolean {
  return MEDIA_ALLOW_LISTS[purpose].includes(mime);
}

/** Detects the type and checks it against the purpose's allow-list in one step. */
export function detectAllowedMediaType(
  firstBytes: Uint8Array,
  purpose: MediaPurpose,
  declaredName?: string,
): MediaType | null {
  const detected = detectMediaType(firstBytes, declaredName);
  return detected && isAllowedMediaType(purpose, detected.mime) ? detected : null;
}

/**
 * Recognises a file by its content, never by its name or the browser's claim. The declared
 * name only chooses between text flavours (Markdown, CSV) once the bytes are known to be text.
 * Pass at least the first `MEDIA_SNIFF_BYTES` bytes, or the whole file if smaller.
 */
export function detectMediaType(firstBytes: Uint8Array, declaredName?: string): MediaType | null {
  const bytes = firstBytes;
  if (bytes.byteLength === 0) return null;
  return detectBinary(bytes) ?? detectText(bytes, declaredName);
}

function detectBinary(bytes: Uint8Array): MediaType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return type('image/png', 'png');
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return type('image/jpeg', 'jpg');
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return type('image/gif', 'gif');
  if (ascii(bytes, 0, 4) === 'RIFF') {
    const form = ascii(bytes, 8, 12);
    if (form === 'WEBP') return type('image/webp', 'webp');
    if (form === 'WAVE') return type('audio/wav', 'wav');
    return null;
  }
  if (ascii(bytes, 0, 5) === '%PDF-') return type('application/pdf', 'pdf');
  if (ascii(bytes, 4, 8) === 'ftyp') return detectIsoMedia(ascii(bytes, 8, 12));
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return detectMatroska(bytes);
  if (ascii(bytes, 0, 4) === 'OggS') return detectOgg(bytes);
  if (ascii(bytes, 0, 3) === 'ID3' || isMpegAudioFrame(bytes)) return type('audio/mpeg', 'mp3');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return detectZipFamily(bytes);
  }
  return null;
}

function detectIsoMedia(brand: string): MediaType | null {
  if (brand === 'M4V ' || brand === 'M4VH' || brand === 'M4VP') return type('video/x-m4v', 'm4v');
  if (brand === 'M4A ' || brand === 'M4B ') return type('audio/mp4', 'm4a');
  if (brand === 'qt  ') return type('video/quicktime', 'mov');
  // HEIF/AVIF share the container but are images we do not accept.
  if (['heic', 'heix', 'mif1', 'msf1', 'avif', 'avis'].includes(brand)) return null;
  return type('video/mp4', 'mp4');
}

function detectMatroska(bytes: Uint8Array): MediaType | null {
  const header = ascii(bytes, 0, Math.min(bytes.byteLength, 64));
  if (header.includes('webm')) return type('video/webm', 'webm');
  if (header.includes('matroska')) return type('video/x-matroska', 'mkv');
  return null;
}

function detectOgg(bytes: Uint8Array): MediaType {
  const codec = ascii(bytes, 28, 36);
  if (codec.startsWith('\x80theora')) return type('video/ogg', 'ogv');
  return type('audio/ogg', codec.startsWith('OpusHead') ? 'opus' : 'ogg');
}

/** MPEG-1/2 layer III frame sync without an ID3 tag. */
function isMpegAudioFrame(bytes: Uint8Array): boolean {
  const [first, second] = [bytes[0], bytes[1]];
  if (first !== 0xff || second === undefined) return false;
  const sync = (second & 0xe0) === 0xe0;
  const layerThree = (second & 0x06) === 0x02;
  const version = (second >> 3) & 0x03;
  return sync && layerThree && version !== 0x01;
}

/** ZIP, or an office document that is a ZIP: OpenDocument names itself in a first `mimetype` entry. */
function detectZipFamily(bytes: Uint8Array): MediaType {
  if (ascii(bytes, 30, 38) === 'mimetype') {
    const declared = ascii(bytes, 38, Math.min(bytes.byteLength, 38 + 80));
    for (const [mime, extension] of Object.entries(OPEN_DOCUMENT)) {
      if (declared.startsWith(mime)) return type(mime, extension);
    }
  }
  const names = ascii(bytes, 0, bytes.byteLength);
  if (names.includes('[Content_Types].xml')) {
    for (const prefix of ['word', 'xl', 'ppt'] as const) {
      if (names.includes(`${prefix}/`)) return OOXML[prefix];
    }
  }
  return type('application/zip', 'zip');
}

function detectText(bytes: Uint8Array, declaredName: string | undefined): MediaType | null {
  const text = decodeUtf8Prefix(bytes);
  if (text === null) return null;
  // Control characters other than tab, line feed, form feed and carriage return mean binary data.
  if (hasBinaryControlCharacter(text)) return null;
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(body)) return type('text/vtt', 'vtt');
  const extension = /\.([A-Za-z0-9]+)$/.exec(declaredName ?? '')?.[1]?.toLowerCase();
  if (extension === 'md' || extension === 'markdown') return type('text/markdown', 'md');
  if (extension === 'csv') return type('text/csv', 'csv');
  return type('text/plain', 'txt');
}

const TEXT_CONTROL_CHARACTERS = new Set([0x09, 0x0a, 0x0c, 0x0d]);

function hasBinaryControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && !TEXT_CONTROL_CHARACTERS.has(code)) || code === 0x7f) return true;
  }
  return false;
}

/** Decodes strict UTF-8; streaming mode forgives only a character cut off at the end of the sample. */
function decodeUtf8Prefix(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return null;
  }
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((value, index) => bytes[index] === value);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.byteLength)));
}

function type(mime: string, extension: string): MediaType {
  return { mime, extension };
}
