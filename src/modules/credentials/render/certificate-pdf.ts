/**
 * The printable certificate of an Open Badges 3.0 credential: one landscape A4 page, tagged for
 * screen readers, with a QR code to the verification page. The PDF is a view of the signed
 * credential, never its proof: whoever holds it is sent to `verifyUrl` to check it.
 */
import PDFDocument from 'pdfkit';
import { createTranslator, directionOf, type Locale, type Translator } from '../../../platform/i18n/index.ts';
import {
  LINE_HEIGHT,
  detectDirection,
  drawLine,
  fitText,
  fontName,
  listScripts,
  loadFont,
  wrapText,
  type TextBox,
} from './fonts.ts';
import { QR_QUIET_ZONE, buildQrShape } from './qr.ts';

export type CertificateInput = {
  /** A signed OpenBadgeCredential as JSON. */
  credential: Record<string, unknown>;
  learnerName: string;
  /** The page that verifies this credential: printed and encoded in the QR code. */
  verifyUrl: string;
  language: Locale;
  /** Partner institutions endorsing the achievement. */
  endorsers?: string[];
};

export class CertificateRenderError extends Error {
  override name = 'CertificateRenderError';
}

const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = 64;
const COLORS = { ink: '#1f2933', muted: '#52606d', accent: '#0b5563', rule: '#c9d6dc' };
const MAX_URL_LENGTH = 1000;
const QR_SIZE = 92;
/** Top of the footer with the issuer, the QR code and the verification link. */
const FOOTER_TOP = PAGE.height - MARGIN - QR_SIZE - 4;

const en = {
  certificate: 'Certificate',
  awardedTo: 'awarded to',
  issuedBy: 'Issued by {issuer}',
  issuedOn: 'Issued on {date}',
  endorsedBy: 'Endorsed by {names}',
  verifyAt: 'Verify at',
  credits: '{credits, plural, one {# credit} other {# credits}}',
  result: 'Result: {value}',
  credentialId: 'Credential {id}',
  qrAlt: 'QR code that opens the verification page {url}',
  documentTitle: '{achievement}: certificate of {learner}',
  'type.Course': 'Course',
  'type.MicroCredential': 'Micro-credential',
  'type.CourseCompletion': 'Course completion',
  'type.Diploma': 'Diploma',
};
type CertificateMessageKey = keyof typeof en;

const certificateMessages: Record<Locale, Record<CertificateMessageKey, string>> = {
  en,
  'zh-Hans': {
    certificate: '证书',
    awardedTo: '授予',
    issuedBy: '颁发机构：{issuer}',
    issuedOn: '颁发日期：{date}',
    endorsedBy: '认可机构：{names}',
    verifyAt: '验证网址',
    credits: '{credits, number} 学分',
    result: '成绩：{value}',
    credentialId: '证书编号：{id}',
    qrAlt: '打开验证页面 {url} 的二维码',
    documentTitle: '{learner}的{achievement}证书',
    'type.Course': '课程',
    'type.MicroCredential': '微证书',
    'type.CourseCompletion': '课程结业',
    'type.Diploma': '文凭',
  },
  ar: {
    certificate: 'شهادة',
    awardedTo: 'تُمنح إلى',
    issuedBy: 'صادرة عن {issuer}',
    issuedOn: 'تاريخ الإصدار: {date}',
    endorsedBy: 'بتأييد من {names}',
    verifyAt: 'للتحقق من الشهادة',
    credits: 'الساعات المعتمدة: {credits, number}',
    result: 'النتيجة: {value}',
    credentialId: 'معرّف الشهادة: {id}',
    qrAlt: 'رمز QR يفتح صفحة التحقق {url}',
    documentTitle: 'شهادة {achievement} الممنوحة إلى {learner}',
    'type.Course': 'مقرر دراسي',
    'type.MicroCredential': 'شهادة مصغّرة',
    'type.CourseCompletion': 'إتمام مقرر دراسي',
    'type.Diploma': 'دبلوم',
  },
};

type Facts = {
  issuerName: string;
  achievementName: string;
  description: string;
  achievementType: string;
  credits: number | null;
  results: string[];
  validFrom: string | null;
  id: string;
};

/** Renders the certificate. Throws `CertificateRenderError` for a credential it cannot show. */
export async function renderCertificatePdf(input: CertificateInput): Promise<Buffer> {
  const facts = readFacts(input.credential);
  const learner = clean(input.learnerName) || readString(input.credential, 'credentialSubject', 'name');
  if (!learner) throw new CertificateRenderError('No learner name was given and the credential has none.');
  const verifyUrl = checkVerifyUrl(input.verifyUrl);
  const t = createTranslator(input.language, certificateMessages[input.language], certificateMessages.en);
  const title = t.t('documentTitle', { achievement: facts.achievementName, learner });
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    pdfVersion: '1.7',
    tagged: true,
    displayTitle: true,
    lang: input.language,
    info: {
      Title: title,
      Author: facts.issuerName,
      Subject: facts.achievementName,
      Keywords: 'Open Badges 3.0, verifiable credential',
      Creator: 'Orbis',
      // Dated by the credential, so the same credential always gives the same file.
      CreationDate: facts.validFrom ? new Date(facts.validFrom) : new Date(0),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  escapeXmpOnEnd(doc);
  const date = facts.validFrom ? t.formatDate(facts.validFrom) : '';
  const texts = [title, learner, date, ...Object.values(facts).map(String), ...(input.endorsers ?? [])];
  await registerFonts(doc, texts.join(' ') + Object.values(certificateMessages[input.language]).join(' '));
  drawCertificate(new Page(doc, t), { ...input, learnerName: learner, verifyUrl }, facts);
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

/**
 * pdfkit copies the Info strings into its XMP packet without escaping them, so `&` or `<` in a
 * course name would make the metadata invalid XML. The Info dictionary is written just before the
 * packet, so the strings are escaped in between.
 */
function escapeXmpOnEnd(doc: PDFKit.PDFDocument): void {
  const endMetadata = doc.endMetadata.bind(doc);
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
  doc.endMetadata = () => {
    for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator'] as const) {
      const value = doc.info[key];
      if (typeof value === 'string') doc.info[key] = value.replace(/[&<>]/g, (char) => entities[char]!);
    }
    endMetadata();
  };
}

async function registerFonts(doc: PDFKit.PDFDocument, text: string): Promise<void> {
  const scripts = listScripts(text);
  scripts.add('latin');
  for (const script of scripts) {
    for (const weight of ['regular', 'bold'] as const) {
      doc.registerFont(fontName(script, weight), await loadFont(script, weight));
    }
  }
}

function drawCertificate(page: Page, input: CertificateInput, facts: Facts): void {
  const { doc, t } = page;
  page.decorate();
  const root = doc.struct('Document');
  doc.addStructure(root);
  const column = { x: MARGIN + 40, width: PAGE.width - 2 * (MARGIN + 40) };
  let y = 88;
  const issuer = { ...column, y, size: 13, minSize: 10, weight: 'bold' as const, color: COLORS.accent };
  if (facts.issuerName) y = page.paragraph(root, 'P', facts.issuerName, issuer);
  y = page.paragraph(root, 'H1', t.t('certificate'), { ...column, y: y + 6, size: 38, weight: 'bold' });
  const typeKey = `type.${facts.achievementType}` as CertificateMessageKey;
  if (facts.achievementType && typeKey in certificateMessages.en) {
    y = page.paragraph(root, 'P', t.t(typeKey), { ...column, y, size: 12, color: COLORS.muted });
  }
  page.rule(y + 8);
  y = page.paragraph(root, 'P', t.t('awardedTo'), { ...column, y: y + 26, size: 13, color: COLORS.muted });
  const name = { ...column, y, size: 30, minSize: 18, maxLines: 2, weight: 'bold' as const };
  y = page.paragraph(root, 'P', input.learnerName, name);
  const achievement = { ...column, y: y + 12, size: 21, minSize: 15, maxLines: 2, color: COLORS.accent };
  y = page.paragraph(root, 'H2', facts.achievementName, { ...achievement, weight: 'bold' });
  const details = [
    facts.credits === null ? '' : t.t('credits', { credits: facts.credits }),
    facts.results.length ? t.t('result', { value: facts.results.join(', ') }) : '',
  ].filter(Boolean);
  // The description gets the lines left above the footer, three at most.
  const room = FOOTER_TOP - y - (details.length ? 22 : 6);
  const descriptionLines = Math.min(3, Math.floor(room / (10.5 * LINE_HEIGHT)));
  if (facts.description && descriptionLines > 0) {
    const description = { ...column, y: y + 2, size: 10.5, maxLines: descriptionLines, color: COLORS.muted };
    y = page.paragraph(root, 'P', facts.description, description);
  }
  if (details.length) page.paragraph(root, 'P', details.join(' · '), { ...column, y: y + 4, size: 10.5 });
  drawFooter(page, root, input, facts);
  root.end();
}

function drawFooter(page: Page, root: PDFKit.PDFStructureElement, input: CertificateInput, facts: Facts): void {
  const { doc, t, rtl } = page;
  const [qrSize, top] = [QR_SIZE, FOOTER_TOP];
  const qrX = rtl ? MARGIN + 12 : PAGE.width - MARGIN - 12 - qrSize;
  const startX = rtl ? PAGE.width - MARGIN - 12 - 330 : MARGIN + 12;
  const start = { x: startX, width: 330, align: rtl ? ('right' as const) : ('left' as const) };
  let y = top + 12;
  if (facts.issuerName) {
    const issuedBy = t.t('issuedBy', { issuer: facts.issuerName });
    y = page.paragraph(root, 'P', issuedBy, { ...start, y, size: 11, maxLines: 2, weight: 'bold' });
  }
  if (facts.validFrom) {
    const date = t.formatDate(facts.validFrom);
    y = page.paragraph(root, 'P', t.t('issuedOn', { date }), { ...start, y, size: 10, color: COLORS.muted });
  }
  const endorsers = (input.endorsers ?? []).map(clean).filter(Boolean);
  if (endorsers.length) {
    const names = new Intl.ListFormat(t.locale, { type: 'conjunction' }).format(endorsers);
    page.paragraph(root, 'P', t.t('endorsedBy', { names }), { ...start, y, size: 9, maxLines: 2, color: COLORS.muted });
  }
  const verifyWidth = 210;
  const verify = {
    x: rtl ? qrX + qrSize + 14 : qrX - 14 - verifyWidth,
    width: verifyWidth,
    align: rtl ? ('left' as const) : ('right' as const),
  };
  const urlTop = page.paragraph(root, 'P', t.t('verifyAt'), { ...verify, y: top + 30, size: 9, color: COLORS.muted });
  page.link(root, input.verifyUrl, { ...verify, y: urlTop, size: 8, color: COLORS.accent });
  root.add(
    doc.struct('Figure', { alt: t.t('qrAlt', { url: input.verifyUrl }) }, () =>
      page.qr(input.verifyUrl, qrX, top, qrSize),
    ),
  );
  if (facts.id) {
    const footnote = { x: MARGIN, width: PAGE.width - 2 * MARGIN, y: PAGE.height - MARGIN + 20, size: 6.5 };
    page.paragraph(root, 'P', t.t('credentialId', { id: facts.id }), { ...footnote, color: COLORS.muted });
  }
}

/** Drawing helpers bound to one document and its language. */
class Page {
  readonly rtl: boolean;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly t: Translator<CertificateMessageKey>,
  ) {
    this.rtl = directionOf(t.locale) === 'rtl';
  }

  /** Frames are decoration: marked as artifacts so screen readers skip them. */
  decorate(): void {
    const { doc } = this;
    doc.markContent('Artifact', { type: 'Layout' });
    doc.lineWidth(2).strokeColor(COLORS.accent);
    doc.rect(24, 24, PAGE.width - 48, PAGE.height - 48).stroke();
    doc.lineWidth(0.6).strokeColor(COLORS.rule);
    doc.rect(32, 32, PAGE.width - 64, PAGE.height - 64).stroke();
    doc.endMarkedContent();
  }

  rule(y: number): void {
    const { doc } = this;
    doc.markContent('Artifact', { type: 'Layout' });
    doc.lineWidth(1.2).strokeColor(COLORS.accent);
    doc
      .moveTo(PAGE.width / 2 - 40, y)
      .lineTo(PAGE.width / 2 + 40, y)
      .stroke();
    doc.endMarkedContent();
  }

  /** Draws a block of text as one structure element; returns the y below it. */
  paragraph(parent: PDFKit.PDFStructureElement, tag: string, text: string, box: TextBox): number {
    const cleaned = clean(text);
    const direction = box.direction ?? detectDirection(cleaned, this.rtl ? 'rtl' : 'ltr');
    const fitted = fitText(this.doc, cleaned, { ...box, direction });
    const lineHeight = fitted.size * LINE_HEIGHT;
    // Reordered text is read back in logical order through ActualText.
    const actual = /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(cleaned) ? { actual: cleaned } : {};
    parent.add(
      this.doc.struct(tag, actual, () => {
        fitted.lines.forEach((line, index) => {
          const baseline = box.y + fitted.size + index * lineHeight;
          drawLine(this.doc, line, { ...box, color: box.color ?? COLORS.ink, direction, size: fitted.size }, baseline);
        });
      }),
    );
    return box.y + fitted.lines.length * lineHeight;
  }

  link(parent: PDFKit.PDFStructureElement, url: string, box: TextBox): void {
    const link = this.doc.struct('Link', { alt: url });
    parent.add(link);
    const style = { ...box, color: box.color ?? COLORS.ink, direction: 'ltr' as const, breakAnywhere: true };
    const lines = wrapText(this.doc, url, style, box.size);
    link.add(() => {
      lines.forEach((line, index) => {
        const baseline = box.y + box.size + index * box.size * LINE_HEIGHT;
        const { x, width } = drawLine(this.doc, line, style, baseline);
        // The types of pdfkit omit `structParent`, which ties the annotation to the Link element.
        this.doc.link(x, baseline - box.size, width, box.size * 1.3, url, { structParent: link } as object);
      });
    });
    link.end();
  }

  qr(url: string, x: number, y: number, size: number): void {
    const shape = buildQrShape(url);
    const module = size / (shape.size + 2 * QR_QUIET_ZONE);
    const origin = QR_QUIET_ZONE * module;
    for (const rect of shape.rects) {
      this.doc.rect(x + origin + rect.x * module, y + origin + rect.y * module, rect.width * module, module);
    }
    this.doc.fillColor(COLORS.ink).fill();
  }
}

function readFacts(credential: Record<string, unknown>): Facts {
  const achievementName = readString(credential, 'credentialSubject', 'achievement', 'name');
  if (!achievementName) throw new CertificateRenderError('The credential has no credentialSubject.achievement.name.');
  const issuer = credential.issuer;
  const credits = readValue(credential, 'credentialSubject', 'achievement', 'creditsAvailable');
  const results = readValue(credential, 'credentialSubject', 'result');
  const validFrom = readString(credential, 'validFrom');
  return {
    issuerName: typeof issuer === 'string' ? issuer : readString(credential, 'issuer', 'name'),
    achievementName,
    description: readString(credential, 'credentialSubject', 'achievement', 'description').slice(0, 600),
    achievementType: readString(credential, 'credentialSubject', 'achievement', 'achievementType'),
    credits: typeof credits === 'number' && Number.isFinite(credits) && credits > 0 ? credits : null,
    results: Array.isArray(results) ? results.map((result) => describeResult(credential, result)).filter(Boolean) : [],
    validFrom: validFrom && !Number.isNaN(Date.parse(validFrom)) ? validFrom : null,
    id: readString(credential, 'id'),
  };
}

/** A result's value, with "%" when its description says it is a percentage. */
export function describeResult(credential: Record<string, unknown>, result: unknown): string {
  const value = readString(result, 'value');
  const descriptionId = readString(result, 'resultDescription');
  const descriptions = readValue(credential, 'credentialSubject', 'achievement', 'resultDescription');
  const description = Array.isArray(descriptions)
    ? descriptions.find((entry: unknown) => readString(entry, 'id') === descriptionId)
    : undefined;
  return value && readString(description, 'resultType') === 'Percent' ? `${value} %` : value;
}

function readValue(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function readString(value: unknown, ...keys: string[]): string {
  const found = readValue(value, ...keys);
  return typeof found === 'string' ? clean(found) : '';
}

/** Line breaks and control characters in data would break the one-line layout. */
function clean(text: string): string {
  return text.replace(/[\p{Cc}\s]+/gu, ' ').trim();
}

function checkVerifyUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CertificateRenderError('The verification URL is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CertificateRenderError('The verification URL must use https or http.');
  }
  if (value.length > MAX_URL_LENGTH)
    throw new CertificateRenderError('The verification URL is too long for a QR code.');
  return value;
}
