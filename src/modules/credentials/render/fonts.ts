/**
 * Which font draws which piece of a line, and in which visual order. Certificates carry names in
 * any script, so each run of text gets the Noto face of its script (files from npm packages,
 * nothing fetched), and lines mixing Arabic with Latin or digits are reordered with a compact
 * form of the Unicode Bidirectional Algorithm (UAX #9: rules W1–W7, N1–N2, I1–I2, L2, without
 * explicit embeddings or isolates, which plain certificate text does not contain).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export type FontScript = 'latin' | 'cjk' | 'arabic';
export type FontWeight = 'regular' | 'bold';
export type TextDirection = 'ltr' | 'rtl';

/** All three packages are SIL Open Font License 1.1 (see README.md). */
const FONT_FILES: Record<FontScript, { package: string; regular: string; bold: string }> = {
  latin: { package: '@embedpdf/fonts-latin', regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  cjk: { package: '@embedpdf/fonts-sc', regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' },
  arabic: {
    package: '@embedpdf/fonts-arabic',
    regular: 'NotoNaskhArabic-Regular.ttf',
    bold: 'NotoNaskhArabic-Bold.ttf',
  },
};

const require = createRequire(import.meta.url);
const loaded = new Map<string, Promise<Buffer>>();

/** The packages export only their metadata module, so the font folder is found beside it. */
export function findFontFile(script: FontScript, weight: FontWeight): string {
  const entry = FONT_FILES[script];
  const main = require.resolve(entry.package);
  return path.join(path.dirname(main), '..', 'fonts', entry[weight]);
}

/** Fonts are read once per process; a CJK face is 8 MB, so it is read only when a text needs it. */
export function loadFont(script: FontScript, weight: FontWeight): Promise<Buffer> {
  const file = findFontFile(script, weight);
  let font = loaded.get(file);
  if (!font) {
    font = readFile(file);
    font.catch(() => loaded.delete(file));
    loaded.set(file, font);
  }
  return font;
}

export function fontName(script: FontScript, weight: FontWeight): string {
  return `${script}-${weight}`;
}

/** Font choice and bidi classes follow Script_Extensions, so the Arabic comma and tatweel count. */
const ARABIC = /\p{Script_Extensions=Arabic}/u;
/** fontkit picks a run's direction from the Script property of its first non-common character. */
const SHAPED_RTL = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
const HEBREW = /\p{Script=Hebrew}/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;
const MARK = /\p{M}/u;
const NEUTRAL = /[\p{P}\p{S}\p{Z}\p{Cc}]/u;

export function scriptOf(char: string): FontScript {
  if (ARABIC.test(char)) return 'arabic';
  if (CJK.test(char)) return 'cjk';
  return 'latin';
}

/** The scripts whose fonts a text needs, so that only those are read and embedded. */
export function listScripts(text: string): Set<FontScript> {
  const scripts = new Set<FontScript>();
  for (const char of text) scripts.add(scriptOf(char));
  return scripts;
}

type BidiClass = 'L' | 'R' | 'AL' | 'EN' | 'AN' | 'ES' | 'ET' | 'CS' | 'NSM' | 'WS' | 'ON';

/** Marks such as those Intl puts into Arabic dates steer the order but are never drawn. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

function classify(char: string): BidiClass {
  const code = char.codePointAt(0)!;
  if (code === 0x200e) return 'L';
  if (code === 0x200f) return 'R';
  if (code === 0x61c) return 'AL';
  if (BIDI_CONTROL.test(char)) return 'ON';
  if (code >= 0x30 && code <= 0x39) return 'EN';
  if (code >= 0x6f0 && code <= 0x6f9) return 'EN';
  if ((code >= 0x660 && code <= 0x669) || code === 0x66b || code === 0x66c) return 'AN';
  if (MARK.test(char)) return 'NSM';
  if (char === '+' || char === '-' || char === '\u2212') return 'ES';
  if ('#$%°¢£¥€\u2030\u066a'.includes(char)) return 'ET';
  if (',./:\u00a0\u060c'.includes(char)) return 'CS';
  if (/\s/u.test(char)) return 'WS';
  if (ARABIC.test(char)) return NEUTRAL.test(char) ? 'ON' : 'AL';
  if (HEBREW.test(char)) return NEUTRAL.test(char) ? 'ON' : 'R';
  if (NEUTRAL.test(char)) return 'ON';
  return 'L';
}

/** The first strong character decides (UAX #9 P2–P3), as `dir="auto"` does in HTML. */
export function detectDirection(text: string, fallback: TextDirection): TextDirection {
  for (const char of text) {
    const kind = classify(char);
    if (kind === 'L') return 'ltr';
    if (kind === 'R' || kind === 'AL') return 'rtl';
  }
  return fallback;
}

/** Resolved embedding levels, one per code point of `chars`. */
export function resolveLevels(chars: readonly string[], base: TextDirection): number[] {
  const baseLevel = base === 'rtl' ? 1 : 0;
  const sos: BidiClass = base === 'rtl' ? 'R' : 'L';
  const types = chars.map(classify);
  let previous: BidiClass = sos;
  let strong: BidiClass = sos;
  for (let i = 0; i < types.length; i++) {
    if (types[i] === 'NSM') types[i] = previous; // W1
    if (types[i] === 'EN' && strong === 'AL') types[i] = 'AN'; // W2
    const type = types[i]!;
    if (type === 'L' || type === 'R' || type === 'AL') strong = type;
    previous = type;
  }
  for (let i = 0; i < types.length; i++) if (types[i] === 'AL') types[i] = 'R'; // W3
  for (let i = 1; i < types.length - 1; i++) {
    const [before, here, after] = [types[i - 1], types[i], types[i + 1]];
    if (before === 'EN' && after === 'EN' && (here === 'ES' || here === 'CS')) types[i] = 'EN'; // W4
    if (before === 'AN' && after === 'AN' && here === 'CS') types[i] = 'AN';
  }
  spreadTerminators(types); // W5
  strong = sos;
  for (let i = 0; i < types.length; i++) {
    const type = types[i]!;
    if (type === 'ES' || type === 'ET' || type === 'CS') types[i] = 'ON'; // W6
    if (type === 'L' || type === 'R') strong = type;
    if (type === 'EN' && strong === 'L') types[i] = 'L'; // W7
  }
  resolveNeutrals(types, sos, base === 'rtl' ? 'R' : 'L');
  return types.map((type) => {
    if (baseLevel === 0) return type === 'R' ? 1 : type === 'AN' || type === 'EN' ? 2 : 0; // I1
    return type === 'L' || type === 'EN' || type === 'AN' ? 2 : 1; // I2
  });
}

function spreadTerminators(types: BidiClass[]): void {
  for (let i = 0; i < types.length; i++) {
    if (types[i] !== 'ET') continue;
    let end = i;
    while (types[end] === 'ET') end++;
    if (types[i - 1] === 'EN' || types[end] === 'EN') types.fill('EN', i, end);
    i = end;
  }
}

/** N1–N2: a stretch of neutrals takes the direction around it when both sides agree. */
function resolveNeutrals(types: BidiClass[], sos: BidiClass, embedding: BidiClass): void {
  const directionOf = (type: BidiClass | undefined): BidiClass | null =>
    type === 'L' ? 'L' : type === 'R' || type === 'EN' || type === 'AN' ? 'R' : null;
  for (let i = 0; i < types.length; i++) {
    if (directionOf(types[i])) continue;
    let end = i;
    while (end < types.length && !directionOf(types[end])) end++;
    const before = i === 0 ? sos : directionOf(types[i - 1]);
    const after = end === types.length ? sos : directionOf(types[end]);
    types.fill(before === after && before ? before : embedding, i, end);
    i = end;
  }
}

export type VisualRun = {
  /** The characters to hand to the shaper. */
  text: string;
  script: FontScript;
  /** Whether the run reads right to left. */
  rtl: boolean;
};

const MIRRORED: Record<string, string> = {
  '(': ')',
  ')': '(',
  '[': ']',
  ']': '[',
  '{': '}',
  '}': '{',
  '<': '>',
  '>': '<',
  '«': '»',
  '»': '«',
};

/**
 * Splits a line into runs of one font and one direction, in left-to-right visual order. The
 * shaper (fontkit) reverses a run by itself exactly when the run holds Arabic script, so other
 * right-to-left runs (neutrals, brackets) are reversed and mirrored here, and left-to-right runs
 * of Arabic-Indic digits are handed over reversed so that the shaper's reversal restores them.
 */
export function arrangeLine(text: string, base: TextDirection): VisualRun[] {
  const chars = [...text];
  const levels = resolveLevels(chars, base);
  const runs: { chars: string[]; script: FontScript; level: number }[] = [];
  chars.forEach((char, index) => {
    if (BIDI_CONTROL.test(char)) return;
    const level = levels[index]!;
    const script = MARK.test(char) && runs.length > 0 ? runs[runs.length - 1]!.script : scriptOf(char);
    const last = runs[runs.length - 1];
    if (last && last.level === level && last.script === script) last.chars.push(char);
    else runs.push({ chars: [char], script, level });
  });
  const maxLevel = Math.max(0, ...runs.map((run) => run.level));
  const lowestOdd = Math.min(...runs.map((run) => run.level).filter((level) => level % 2 === 1), maxLevel + 1);
  for (let level = maxLevel; level >= lowestOdd; level--) reverseRunsFrom(runs, level); // L2
  return runs.map((run) => {
    const rtl = run.level % 2 === 1;
    const shaperReverses = SHAPED_RTL.test(run.chars.join(''));
    const chars = rtl === shaperReverses ? run.chars : [...run.chars].reverse();
    const mirrored = rtl && !shaperReverses ? chars.map((char) => MIRRORED[char] ?? char) : chars;
    return { text: mirrored.join(''), script: run.script, rtl };
  });
}

function reverseRunsFrom<T extends { level: number }>(runs: T[], level: number): void {
  for (let i = 0; i < runs.length; i++) {
    if (runs[i]!.level < level) continue;
    let end = i;
    while (end < runs.length && runs[end]!.level >= level) end++;
    runs.splice(i, end - i, ...runs.slice(i, end).reverse());
    i = end;
  }
}

/** Where and how a block of text is set; `y` is the top of its first line. */
export type TextBox = {
  x: number;
  width: number;
  y: number;
  size: number;
  minSize?: number;
  maxLines?: number;
  weight?: FontWeight;
  color?: string;
  align?: 'left' | 'center' | 'right';
  direction?: TextDirection;
  breakAnywhere?: boolean;
};

export const LINE_HEIGHT = 1.45;

/** Shrinks the text down to `minSize` to keep it on one line, then wraps it into `maxLines`, ellipsis last. */
export function fitText(doc: PDFKit.PDFDocument, text: string, box: TextBox): { size: number; lines: string[] } {
  const maxLines = box.maxLines ?? 1;
  const minSize = box.minSize ?? box.size;
  for (let size = box.size; size > minSize; size -= 1) {
    if (measureLine(doc, text, box, size) <= box.width) return { size, lines: [text] };
  }
  const lines = wrapText(doc, text, box, minSize);
  if (lines.length <= maxLines) return { size: minSize, lines };
  const kept = lines.slice(0, maxLines);
  let last = [...kept[maxLines - 1]!];
  while (last.length > 1 && measureLine(doc, `${last.join('')}…`, box, minSize) > box.width) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.join('').trimEnd()}…`;
  return { size: minSize, lines: kept };
}

const WRAP_TOKEN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]+|\s+/gu;
/** A URL breaks after its separators. */
const URL_TOKEN = /[^/?&=.-]*[/?&=.-]?/g;

/** Greedy wrapping at spaces, between CJK characters, or after URL separators; a word wider than the box is cut. */
export function wrapText(doc: PDFKit.PDFDocument, text: string, box: TextBox, size: number): string[] {
  const tokens = (text.match(box.breakAnywhere ? URL_TOKEN : WRAP_TOKEN) ?? []).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const candidate = line + token;
    if (measureLine(doc, candidate.trimEnd(), box, size) <= box.width) {
      line = candidate;
      continue;
    } else if (line.trim()) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else {
      line = candidate;
    }
    // Alone on its line and still too wide: cut it where it stops fitting.
    while ([...line].length > 1 && measureLine(doc, line, box, size) > box.width) {
      const chars = [...line];
      let [low, high] = [1, chars.length - 1];
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if (measureLine(doc, chars.slice(0, middle).join(''), box, size) <= box.width) low = middle;
        else high = middle - 1;
      }
      lines.push(chars.slice(0, low).join(''));
      line = chars.slice(low).join('');
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.length ? lines : [''];
}

export function measureLine(doc: PDFKit.PDFDocument, text: string, box: TextBox, size: number): number {
  return arrangeLine(text, box.direction ?? 'ltr').reduce((width, run) => {
    doc.font(fontName(run.script, box.weight ?? 'regular')).fontSize(size);
    return width + doc.widthOfString(run.text, { features: [] });
  }, 0);
}

/** Draws the runs of one line left to right on the given baseline. */
export function drawLine(
  doc: PDFKit.PDFDocument,
  text: string,
  box: TextBox,
  baseline: number,
): { x: number; width: number } {
  const width = measureLine(doc, text, box, box.size);
  const align = box.align ?? 'center';
  const left =
    align === 'left' ? box.x : align === 'right' ? box.x + box.width - width : box.x + (box.width - width) / 2;
  let x = left;
  if (box.color) doc.fillColor(box.color);
  for (const run of arrangeLine(text, box.direction ?? 'ltr')) {
    doc.font(fontName(run.script, box.weight ?? 'regular')).fontSize(box.size);
    // An empty feature list makes pdfkit shape the run whole: by default it shapes word by word,
    // which puts the words of an Arabic phrase in the wrong order.
    doc.text(run.text, x, baseline, { lineBreak: false, baseline: 'alphabetic', features: [] });
    x += doc.widthOfString(run.text, { features: [] });
  }
  return { x: left, width };
}
