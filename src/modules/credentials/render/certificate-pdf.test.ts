import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { inflateStreams } from '../../../../test/support/pdf.ts';
import {
  CertificateRenderError,
  describeResult,
  renderCertificatePdf,
  type CertificateInput,
} from './certificate-pdf.ts';
import { arrangeLine, detectDirection } from './fonts.ts';

const VERIFY_URL = 'https://orbis.example.org/credentials/2f1c7a52-8d7e-4b4a-9a43-1f6f0c1f5e11/verification';

function buildCredential(achievement: Record<string, unknown>, issuerName = 'University of Lisbon') {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:2f1c7a52-8d7e-4b4a-9a43-1f6f0c1f5e11',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'did:web:orbis.example.org:institutions:lisbon', type: ['Profile'], name: issuerName },
    validFrom: '2026-05-04T10:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      achievement: { type: ['Achievement'], achievementType: 'MicroCredential', creditsAvailable: 6, ...achievement },
      result: [{ type: ['Result'], value: 'A' }],
    },
  };
}

const english: CertificateInput = {
  credential: buildCredential({
    name: 'Climate Data Analysis',
    description: 'Learners clean, analyse and visualise public climate data sets.',
  }),
  learnerName: 'Ana Silva',
  verifyUrl: VERIFY_URL,
  language: 'en',
};

const chineseAndArabic: CertificateInput = {
  credential: buildCredential({ name: '气候数据', description: 'بيانات المناخ في 12 أسبوعًا' }, 'جامعة القاهرة'),
  learnerName: '李华',
  verifyUrl: VERIFY_URL,
  language: 'ar',
  endorsers: ['北京大学', 'Université Cheikh Anta Diop'],
};

const latin1 = (pdf: Buffer) => pdf.toString('latin1');

function listEmbeddedFonts(pdf: Buffer): string[] {
  return [...latin1(pdf).matchAll(/\/FontName \/[A-Z]{6}\+([\w-]+)/g)].map((match) => match[1]!).sort();
}

/** Unicode code points each ToUnicode map gives, one array per embedded font. */
function readToUnicodeMaps(pdf: Buffer): number[][] {
  return inflateStreams(pdf)
    .filter((stream) => stream.includes('beginbfrange'))
    .map((stream) => [...stream.matchAll(/<([0-9a-f]{4})>/g)].map((match) => Number.parseInt(match[1]!, 16)));
}

/** A PDF literal string as pdfkit writes one that is not ASCII: UTF-16BE with a BOM, escaped. */
function pdfTextString(text: string): Buffer {
  const utf16 = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
  return Buffer.from(utf16.toString('latin1').replace(/[()\\]/g, '\\$&'), 'latin1');
}

/** Rebuilds the QR matrix from the rectangles drawn inside the Figure element. */
function readDrawnQr(pdf: Buffer): boolean[][] {
  const page = inflateStreams(pdf).find((stream) => stream.includes('/Figure'))!;
  const figure = page.slice(page.indexOf('/Figure'), page.indexOf('EMC', page.indexOf('/Figure')));
  const rects = [...figure.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re/g)].map((match) =>
    match.slice(1, 5).map(Number),
  );
  const module = Math.min(...rects.map((rect) => rect[3]!));
  const left = Math.min(...rects.map((rect) => rect[0]!));
  const top = Math.min(...rects.map((rect) => rect[1]!));
  const cells = rects.map(([x, y, width]) => ({
    column: Math.round((x! - left) / module),
    row: Math.round((y! - top) / module),
    span: Math.round(width! / module),
  }));
  const size = Math.max(...cells.map((cell) => cell.row)) + 1;
  const matrix = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  for (const cell of cells) for (let i = 0; i < cell.span; i++) matrix[cell.row]![cell.column + i] = true;
  return matrix;
}

describe('renderCertificatePdf', () => {
  it('writes a tagged PDF 1.7 with language, title and structure', async () => {
    const pdf = await renderCertificatePdf(english);
    const text = latin1(pdf);
    expect(text.startsWith('%PDF-1.7')).toBe(true);
    for (const marker of ['/StructTreeRoot', '/MarkInfo', '/Marked true', '/Lang (en)', '/DisplayDocTitle true']) {
      expect(text).toContain(marker);
    }
    for (const tag of ['/S /H1', '/S /H2', '/S /P', '/S /Link', '/S /Figure']) expect(text).toContain(tag);
    expect(text).toContain(`/Alt (QR code that opens the verification page ${VERIFY_URL})`);
    expect(text).toContain(`/URI (${VERIFY_URL})`);
    expect(text).toContain('(Climate Data Analysis: certificate of Ana Silva)');
    expect(text).toContain('<dc:title>');
  });

  it('embeds only Noto Sans subsets for Latin text and stays small', async () => {
    const pdf = await renderCertificatePdf(english);
    expect(listEmbeddedFonts(pdf)).toEqual(['NotoSans-Bold', 'NotoSans-Regular']);
    expect(pdf.length).toBeLessThan(40_000);
  });

  it('embeds the Chinese and Arabic faces when the certificate uses those scripts', async () => {
    const pdf = await renderCertificatePdf(chineseAndArabic);
    const fonts = listEmbeddedFonts(pdf);
    expect(fonts).toEqual(expect.arrayContaining(['NotoSansHans-Bold', 'NotoNaskhArabic', 'NotoSans-Regular']));
    expect(latin1(pdf)).toContain('/Lang (ar)');
    expect(pdf.length).toBeLessThan(250_000);
    const mapped = readToUnicodeMaps(pdf).flat();
    for (const char of '气候数据李华北京大学شهادة') expect(mapped).toContain(char.codePointAt(0));
  });

  it('prints the labels of the chosen language', async () => {
    const pdf = await renderCertificatePdf({ ...english, language: 'zh-Hans' });
    const mapped = readToUnicodeMaps(pdf).flat();
    for (const char of '证书授予颁发机构验证网址') expect(mapped).toContain(char.codePointAt(0));
    expect(pdf.toString('utf8')).toContain('Ana Silva的Climate Data Analysis证书');
  });

  it('shapes Arabic: one letter repeated takes its initial, medial and final forms', async () => {
    const pdf = await renderCertificatePdf({ ...english, credential: buildCredential({ name: 'ببب' }) });
    const beh = readToUnicodeMaps(pdf).map((map) => map.filter((code) => code === 0x628).length);
    expect(Math.max(...beh)).toBeGreaterThanOrEqual(3);
  });

  it('gives reordered Arabic paragraphs their logical text for screen readers', async () => {
    const pdf = await renderCertificatePdf(chineseAndArabic);
    expect(pdf.includes(pdfTextString('بيانات المناخ في 12 أسبوعًا'))).toBe(true);
    expect(pdf.includes(pdfTextString('صادرة عن جامعة القاهرة'))).toBe(true);
  });

  it('draws exactly the QR code of the verification URL', async () => {
    const pdf = await renderCertificatePdf(english);
    const { modules } = QRCode.create(VERIFY_URL, { errorCorrectionLevel: 'M' });
    const expected = Array.from({ length: modules.size }, (_, row) =>
      Array.from({ length: modules.size }, (_, column) => modules.get(row, column) !== 0),
    );
    expect(readDrawnQr(pdf)).toEqual(expected);
  });

  it('gives the same bytes for the same credential', async () => {
    const [first, second] = await Promise.all([renderCertificatePdf(english), renderCertificatePdf(english)]);
    expect(first.equals(second)).toBe(true);
  });

  it('keeps the XMP metadata valid XML when names hold markup characters', async () => {
    const pdf = await renderCertificatePdf({
      ...english,
      credential: buildCredential({ name: 'R&D <Intro>' }, 'Smith & Sons'),
    });
    const text = pdf.toString('utf8');
    const xmp = text.slice(text.indexOf('<x:xmpmeta'), text.indexOf('</x:xmpmeta>'));
    expect(xmp).toContain('R&amp;D &lt;Intro&gt;: certificate of Ana Silva</rdf:li>');
    expect(xmp).toContain('Smith &amp; Sons');
    expect(xmp).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)|<Intro>/);
    expect(latin1(pdf)).toContain('(R&D <Intro>: certificate of Ana Silva)');
  });

  it('fits very long names, titles, words and descriptions without failing', async () => {
    const long = 'Sustainable Urban Water Management and Climate Adaptation Planning '.repeat(4);
    const pdf = await renderCertificatePdf({
      ...english,
      learnerName: 'Maria Guadalupe Fernández de la Concepción Rodríguez-Villanueva y Santamaría '.repeat(2),
      credential: buildCredential({ name: 'W'.repeat(300), description: long.repeat(4) }, long),
      endorsers: Array.from({ length: 12 }, (_, index) => `Partner University ${index + 1}`),
    });
    expect(latin1(pdf).startsWith('%PDF')).toBe(true);
  });

  it('refuses a credential without an achievement name', async () => {
    await expect(renderCertificatePdf({ ...english, credential: buildCredential({ name: ' ' }) })).rejects.toThrow(
      CertificateRenderError,
    );
  });

  it('takes the learner name from the credential when none is given, and refuses to print no name', async () => {
    const credential = buildCredential({ name: 'Climate Data Analysis' });
    const named = { ...credential, credentialSubject: { ...credential.credentialSubject, name: 'Ana Silva' } };
    const pdf = await renderCertificatePdf({ ...english, credential: named, learnerName: '  ' });
    expect(latin1(pdf)).toContain('(Climate Data Analysis: certificate of Ana Silva)');
    await expect(renderCertificatePdf({ ...english, learnerName: '' })).rejects.toThrow(CertificateRenderError);
  });

  it('refuses a verification URL that is not http(s)', async () => {
    for (const verifyUrl of ['javascript:alert(1)', 'not a url', `https://example.org/${'a'.repeat(1200)}`]) {
      await expect(renderCertificatePdf({ ...english, verifyUrl })).rejects.toThrow(CertificateRenderError);
    }
  });
});

describe('arrangeLine', () => {
  const texts = (text: string, base: 'ltr' | 'rtl') => arrangeLine(text, base).map((run) => run.text);

  it('keeps a left-to-right line as one run', () => {
    expect(arrangeLine('Result: 12.5%', 'ltr')).toEqual([{ text: 'Result: 12.5%', script: 'latin', rtl: false }]);
  });

  it('puts an Arabic phrase inside a Latin line in right-to-left order', () => {
    expect(texts('Issued by جامعة القاهرة', 'ltr')).toEqual(['Issued by ', 'القاهرة', ' ', 'جامعة']);
  });

  it('orders an Arabic title with brackets and a number, mirroring the brackets', () => {
    expect(texts('بيانات المناخ (الجزء 2)', 'rtl')).toEqual(['(', '2', ' ', 'الجزء', ') ', 'المناخ', ' ', 'بيانات']);
  });

  it('hands Arabic-Indic digits reversed, since the shaper reverses Arabic-script runs', () => {
    expect(arrangeLine('سنة ٢٠٢٦', 'rtl')).toEqual([
      { text: '٦٢٠٢', script: 'arabic', rtl: false },
      { text: ' ', script: 'latin', rtl: true },
      { text: 'سنة', script: 'arabic', rtl: true },
    ]);
  });

  it('picks the font by script and drops bidi marks', () => {
    expect(arrangeLine('颁发日期：2026年5月4日', 'ltr').map((run) => run.script)).toEqual([
      'cjk',
      'latin',
      'cjk',
      'latin',
      'cjk',
      'latin',
      'cjk',
    ]);
    expect(texts('\u200f٤\u200f/٥', 'rtl').join('')).not.toMatch(/[\u200e\u200f]/);
  });

  it('takes the direction of the first strong character', () => {
    expect(detectDirection('2026 بيانات', 'ltr')).toBe('rtl');
    expect(detectDirection('« Climate »', 'rtl')).toBe('ltr');
    expect(detectDirection('2026', 'rtl')).toBe('rtl');
  });
});

describe('describeResult', () => {
  const credential = {
    credentialSubject: {
      achievement: {
        resultDescription: [
          { id: 'urn:x#percent', resultType: 'Percent' },
          { id: 'urn:x#letter', resultType: 'LetterGrade' },
        ],
      },
    },
  };
  it('adds a percent sign only to results its description calls a percentage', () => {
    expect(describeResult(credential, { value: '87.5', resultDescription: 'urn:x#percent' })).toBe('87.5 %');
    expect(describeResult(credential, { value: 'A', resultDescription: 'urn:x#letter' })).toBe('A');
    expect(describeResult(credential, { value: 'Pass' })).toBe('Pass');
    expect(describeResult(credential, { resultDescription: 'urn:x#percent' })).toBe('');
  });
});
