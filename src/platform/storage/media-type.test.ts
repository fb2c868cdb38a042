import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { detectAllowedMediaType, detectMediaType, isAllowedMediaType, peekStream } from './index.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

function zipEntry(name: string, content = ''): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, Buffer.from(name), Buffer.from(content)]);
}

describe('detectMediaType', () => {
  it.each([
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'), 'image/png', 'png'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg', 'jpg'],
    ['GIF', bytes('GIF89a', [1, 0]), 'image/gif', 'gif'],
    ['WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp', 'webp'],
    ['WAV', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'audio/wav', 'wav'],
    ['MP4', bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0]), 'video/mp4', 'mp4'],
    ['M4V', bytes([0, 0, 0, 0x1c], 'ftypM4V ', [0, 0, 0, 1]), 'video/x-m4v', 'm4v'],
    ['M4A', bytes([0, 0, 0, 0x1c], 'ftypM4A ', [0, 0, 0, 0]), 'audio/mp4', 'm4a'],
    [
      'WebM',
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm'),
      'video/webm',
      'webm',
    ],
    ['Ogg Theora', bytes('OggS', new Array<number>(24).fill(0), [0x80], 'theora'), 'video/ogg', 'ogv'],
    ['Ogg Vorbis', bytes('OggS', new Array<number>(24).fill(0), [0x01], 'vorbis'), 'audio/ogg', 'ogg'],
    ['MP3 with ID3', bytes('ID3', [4, 0, 0]), 'audio/mpeg', 'mp3'],
    ['MP3 frame', bytes([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg', 'mp3'],
    ['PDF', bytes('%PDF-1.7\n'), 'application/pdf', 'pdf'],
    ['ZIP', zipEntry('readme.txt', 'hi'), 'application/zip', 'zip'],
    [
      'DOCX',
      Buffer.concat([zipEntry('[Content_Types].xml', '<x/>'), zipEntry('word/document.xml')]),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'docx',
    ],
    [
      'ODT',
      zipEntry('mimetype', 'application/vnd.oasis.opendocument.text'),
      'application/vnd.oasis.opendocument.text',
      'odt',
    ],
    ['WebVTT', bytes('WEBVTT\n\n00:00.000 --> 00:01.000\nHello'), 'text/vtt', 'vtt'],
    ['WebVTT with BOM', bytes([0xef, 0xbb, 0xbf], 'WEBVTT - title\n'), 'text/vtt', 'vtt'],
    ['UTF-8 text', Buffer.from('Grüße, 你好, مرحبا\n'), 'text/plain', 'txt'],
  ])('recognises %s', (_name, sample, mime, extension) => {
    expect(detectMediaType(sample)).toEqual({ mime, extension });
  });

  it('uses the declared name only to choose a text flavour', () => {
    expect(detectMediaType(Buffer.from('# Title\n'), 'notes.md')).toEqual({ mime: 'text/markdown', extension: 'md' });
    expect(detectMediaType(Buffer.from('a,b\n1,2\n'), 'DATA.CSV')).toEqual({ mime: 'text/csv', extension: 'csv' });
    expect(detectMediaType(bytes('%PDF-1.4'), 'notes.md')?.mime).toBe('application/pdf');
    expect(detectMediaType(bytes([0x00, 0x01, 0x02]), 'notes.md')).toBeNull();
  });

  it('refuses what it does not know, binary junk and invalid UTF-8', () => {
    expect(detectMediaType(Buffer.alloc(0))).toBeNull();
    expect(detectMediaType(bytes([0x7f], 'ELF'))).toBeNull();
    expect(detectMediaType(bytes('abc', [0], 'def'))).toBeNull();
    expect(detectMediaType(bytes('caf', [0xe9], ' au lait'))).toBeNull();
    expect(detectMediaType(bytes([0, 0, 0, 0x18], 'ftypavif'))).toBeNull();
  });

  it('forgives a multi-byte character cut off at the end of the sample', () => {
    const sample = Buffer.from('日本語').subarray(0, 7);
    expect(detectMediaType(sample)?.mime).toBe('text/plain');
  });

  it('treats SVG and HTML as text that no allow-list accepts as an image', () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    expect(detectAllowedMediaType(svg, 'image')).toBeNull();
    expect(detectAllowedMediaType(Buffer.from('<html><script>alert(1)</script>'), 'image')).toBeNull();
  });
});

describe('allow-lists', () => {
  it('accept each purpose only its own types', () => {
    const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(detectAllowedMediaType(png, 'image')?.mime).toBe('image/png');
    expect(detectAllowedMediaType(png, 'file')).toBeNull();
    expect(detectAllowedMediaType(Buffer.from('WEBVTT\n'), 'captions')?.mime).toBe('text/vtt');
    expect(detectAllowedMediaType(Buffer.from('just text'), 'captions')).toBeNull();
    expect(isAllowedMediaType('video', 'video/webm')).toBe(true);
    expect(isAllowedMediaType('video', 'video/quicktime')).toBe(false);
    expect(isAllowedMediaType('audio', 'audio/mpeg')).toBe(true);
    expect(isAllowedMediaType('file', 'application/pdf')).toBe(true);
  });
});

describe('peekStream', () => {
  it('returns the first bytes and a stream that still yields everything', async () => {
    const chunks = ['ab', 'cdef', 'ghij', 'klm'].map((chunk) => Buffer.from(chunk));
    const { head, stream } = await peekStream(Readable.from(chunks), 5);
    expect(Buffer.from(head).toString()).toBe('abcde');
    expect(Buffer.concat(await stream.toArray()).toString()).toBe('abcdefghijklm');
  });

  it('handles streams shorter than the sample', async () => {
    const { head, stream } = await peekStream(Readable.from([Buffer.from('hi')]), 100);
    expect(Buffer.from(head).toString()).toBe('hi');
    expect(Buffer.concat(await stream.toArray()).toString()).toBe('hi');
  });
});
