import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BAKED_CREDENTIAL_KEYWORD,
  BadgePngError,
  bakePngBadge,
  escapeMarkup,
  readBakedCredential,
  renderBadgePng,
} from './baked-png.ts';

const CREDENTIAL = JSON.stringify({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  credentialSubject: { achievement: { name: '气候数据 · بيانات المناخ · Données climatiques 🌍' } },
});
const JWT =
  'eyJhbGciOiJFZERTQSIsImtpZCI6ImRpZDp3ZWI6ZXhhbXBsZSNrZXktMSJ9.eyJpc3MiOiJkaWQ6d2ViOmV4YW1wbGUifQ.c2lnbmF0dXJl';

let png: Buffer;

beforeAll(async () => {
  png = await sharp({ create: { width: 32, height: 24, channels: 4, background: '#0b5563' } })
    .png()
    .toBuffer();
});

type RawChunk = { type: string; data: Buffer; crc: number };

/** An independent chunk walker, so the tests do not trust the code under test. */
function listChunks(file: Buffer): RawChunk[] {
  const chunks: RawChunk[] = [];
  for (let offset = 8; offset < file.length;) {
    const length = file.readUInt32BE(offset);
    chunks.push({
      type: file.subarray(offset + 4, offset + 8).toString('latin1'),
      data: file.subarray(offset + 8, offset + 8 + length),
      crc: file.readUInt32BE(offset + 8 + length),
    });
    offset += 12 + length;
  }
  return chunks;
}

function buildChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 0);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, crc]);
}

/** Puts chunks just before IEND, as another baker might. */
function insertBeforeEnd(file: Buffer, ...chunks: Buffer[]): Buffer {
  return Buffer.concat([file.subarray(0, file.length - 12), ...chunks, file.subarray(file.length - 12)]);
}

function expectProblem(action: () => unknown, problem: string): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(BadgePngError);
    expect((error as BadgePngError).problem).toBe(problem);
    expect((error as BadgePngError).message.length).toBeGreaterThan(10);
    return;
  }
  throw new Error(`expected a BadgePngError (${problem})`);
}

describe('bakePngBadge and readBakedCredential', () => {
  it('round-trips a credential JSON with Chinese, Arabic and emoji text', () => {
    expect(readBakedCredential(bakePngBadge(png, CREDENTIAL))).toBe(CREDENTIAL);
  });

  it('round-trips a compact JWT', () => {
    expect(readBakedCredential(bakePngBadge(png, JWT))).toBe(JWT);
  });

  it('writes one uncompressed iTXt chunk just before IEND, with a correct CRC', () => {
    const chunks = listChunks(bakePngBadge(png, CREDENTIAL));
    const baked = chunks[chunks.length - 2]!;
    expect(chunks[chunks.length - 1]!.type).toBe('IEND');
    expect(baked.type).toBe('iTXt');
    const header = Buffer.from(`${BAKED_CREDENTIAL_KEYWORD}\0\0\0\0\0`, 'latin1');
    expect(baked.data.subarray(0, header.length).equals(header)).toBe(true);
    expect(baked.data.subarray(header.length).toString('utf8')).toBe(CREDENTIAL);
    expect(baked.crc).toBe(zlib.crc32(Buffer.concat([Buffer.from('iTXt'), baked.data])));
  });

  it('leaves an image that still decodes to the same pixels', async () => {
    const baked = bakePngBadge(png, CREDENTIAL);
    const before = await sharp(png).raw().toBuffer();
    const after = await sharp(baked).raw().toBuffer();
    expect(after.equals(before)).toBe(true);
    expect(await sharp(baked).metadata()).toMatchObject({ format: 'png', width: 32, height: 24 });
  });

  it('replaces a credential baked before instead of adding a second one', () => {
    const twice = bakePngBadge(bakePngBadge(png, CREDENTIAL), JWT);
    expect(readBakedCredential(twice)).toBe(JWT);
    expect(listChunks(twice).filter((chunk) => chunk.type === 'iTXt')).toHaveLength(1);
  });

  it('keeps other text chunks', () => {
    const other = buildChunk('tEXt', Buffer.from('Comment\0made by hand', 'latin1'));
    const baked = bakePngBadge(insertBeforeEnd(png, other), JWT);
    expect(listChunks(baked).map((chunk) => chunk.type)).toContain('tEXt');
  });

  it('answers null for a PNG without a baked credential', () => {
    expect(readBakedCredential(png)).toBeNull();
  });

  it('reads a credential that another baker compressed', () => {
    const data = Buffer.concat([
      Buffer.from(`${BAKED_CREDENTIAL_KEYWORD}\0\x01\x00en\0\0`, 'latin1'),
      zlib.deflateSync(Buffer.from(CREDENTIAL, 'utf8')),
    ]);
    expect(readBakedCredential(insertBeforeEnd(png, buildChunk('iTXt', data)))).toBe(CREDENTIAL);
  });

  it('refuses two baked credentials in one image', () => {
    const chunk = buildChunk('iTXt', Buffer.from(`${BAKED_CREDENTIAL_KEYWORD}\0\0\0\0\0${JWT}`, 'utf8'));
    expectProblem(() => readBakedCredential(insertBeforeEnd(png, chunk, chunk)), 'duplicate_credential');
  });

  it('refuses a compressed chunk that does not inflate', () => {
    const data = Buffer.from(`${BAKED_CREDENTIAL_KEYWORD}\0\x01\x00\0\0not deflate`, 'latin1');
    expectProblem(() => readBakedCredential(insertBeforeEnd(png, buildChunk('iTXt', data))), 'bad_credential_chunk');
  });

  it('refuses text that is not UTF-8', () => {
    const data = Buffer.concat([Buffer.from(`${BAKED_CREDENTIAL_KEYWORD}\0\0\0\0\0`), Buffer.from([0xff, 0xfe])]);
    expectProblem(() => readBakedCredential(insertBeforeEnd(png, buildChunk('iTXt', data))), 'bad_credential_text');
  });

  it('refuses to bake an empty credential or one with a lone surrogate', () => {
    expectProblem(() => bakePngBadge(png, '  '), 'bad_credential_text');
    expectProblem(() => bakePngBadge(png, '{"name":"\ud800"}'), 'bad_credential_text');
  });

  it('names what is wrong with a broken PNG', () => {
    expectProblem(() => readBakedCredential(Buffer.from('GIF89a, not a PNG at all')), 'not_png');
    expectProblem(() => readBakedCredential(png.subarray(0, png.length - 20)), 'truncated');
    const corrupt = Buffer.from(png);
    const idat = corrupt.indexOf('IDAT') + 6;
    corrupt[idat] = corrupt[idat]! ^ 0xff;
    expectProblem(() => bakePngBadge(corrupt, JWT), 'bad_crc');
    expectProblem(() => readBakedCredential(png.subarray(0, png.length - 12)), 'missing_end');
    const headless = Buffer.concat([png.subarray(0, 8), png.subarray(8 + 25)]);
    expectProblem(() => readBakedCredential(headless), 'missing_header');
  });

  it('never fails with anything but BadgePngError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (bytes, withSignature) => {
        const input = Buffer.from(withSignature ? [...png.subarray(0, 8), ...bytes] : bytes);
        for (const action of [() => readBakedCredential(input), () => bakePngBadge(input, JWT)]) {
          try {
            action();
          } catch (error) {
            if (!(error instanceof BadgePngError)) throw error;
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never fails with anything but BadgePngError when a baked PNG is damaged', () => {
    const baked = bakePngBadge(png, CREDENTIAL);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(baked.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.nat(baked.length),
        (edits, cut) => {
          const damaged = Buffer.from(baked.subarray(0, Math.max(cut, baked.length - 40)));
          for (const [at, value] of edits) if (at < damaged.length) damaged[at] = value;
          try {
            const text = readBakedCredential(damaged);
            expect(text === null || typeof text === 'string').toBe(true);
          } catch (error) {
            if (!(error instanceof BadgePngError)) throw error;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('renderBadgePng', () => {
  let fontconfigDir: string;

  beforeAll(() => {
    fontconfigDir = mkdtempSync(path.join(tmpdir(), 'orbis-fontconfig-'));
    writeFileSync(
      path.join(fontconfigDir, 'fonts.conf'),
      `<?xml version="1.0"?><fontconfig><cachedir>${fontconfigDir}/cache</cachedir></fontconfig>`,
    );
  });

  afterAll(() => rmSync(fontconfigDir, { recursive: true, force: true }));

  it('draws a 400×400 PNG with transparent corners that can be baked', async () => {
    const badge = await renderBadgePng({ title: 'Climate Data Analysis', issuerName: 'University of Lisbon' });
    expect(await sharp(badge).metadata()).toMatchObject({ format: 'png', width: 400, height: 400, hasAlpha: true });
    const corner = await sharp(badge).extract({ left: 0, top: 0, width: 8, height: 8 }).raw().toBuffer();
    expect(corner.filter((_, index) => index % 4 === 3).every((alpha) => alpha === 0)).toBe(true);
    expect(readBakedCredential(bakePngBadge(badge, JWT))).toBe(JWT);
  });

  it('draws the title, so different titles give different images', async () => {
    const first = await renderBadgePng({ title: 'Climate Data', issuerName: 'Orbis' });
    const second = await renderBadgePng({ title: 'Ocean Data', issuerName: 'Orbis' });
    expect((await sharp(first).raw().toBuffer()).equals(await sharp(second).raw().toBuffer())).toBe(false);
  });

  it('takes markup characters as text and ignores an accent that is not a colour', async () => {
    const badge = await renderBadgePng({ title: '<b>R&D</b> "101"', issuerName: "O'Neil & Co", accent: 'red"/>' });
    expect((await sharp(badge).metadata()).width).toBe(400);
    expect(escapeMarkup(`<a href="x">R&D's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;R&amp;D&apos;s&lt;/a&gt;');
  });

  it('sets Chinese and Arabic titles with the packaged fonts, without any system font', async () => {
    const titles = { zh: '气候数据分析', ar: 'بيانات المناخ' };
    const script = `
      import { renderBadgePng } from ${JSON.stringify(path.resolve('src/modules/credentials/render/baked-png.ts'))};
      const titles = ${JSON.stringify(titles)};
      const out = {};
      for (const [key, title] of Object.entries(titles)) {
        out[key] = (await renderBadgePng({ title, issuerName: 'Orbis' })).toString('base64');
      }
      process.stdout.write(JSON.stringify(out));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, FONTCONFIG_FILE: path.join(fontconfigDir, 'fonts.conf') },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(child.status, child.stderr).toBe(0);
    const bare = JSON.parse(child.stdout) as Record<keyof typeof titles, string>;
    for (const key of ['zh', 'ar'] as const) {
      const here = await renderBadgePng({ title: titles[key], issuerName: 'Orbis' });
      const difference = await compareTitleArea(here, Buffer.from(bare[key], 'base64'));
      // Boxes for missing glyphs differ by ~12 grey levels on average; a system copy of Noto Naskh
      // Arabic, where one is installed, may be picked here and differs by less than one.
      expect(difference).toBeLessThan(2);
    }
  });
});

/** Mean absolute difference of the grey levels where the title is drawn. */
async function compareTitleArea(first: Buffer, second: Buffer): Promise<number> {
  const area = { left: 70, top: 130, width: 260, height: 120 };
  const [a, b] = await Promise.all(
    [first, second].map((image) => sharp(image).extract(area).greyscale().raw().toBuffer()),
  );
  let sum = 0;
  for (let index = 0; index < a!.length; index++) sum += Math.abs(a![index]! - b![index]!);
  return sum / a!.length;
}
