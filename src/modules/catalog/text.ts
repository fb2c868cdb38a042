/**
 * Language handling for search: which PostgreSQL text search configuration stems a language,
 * and how scripts written without spaces are cut into words before PostgreSQL sees them.
 */

/** Configurations present on both PostgreSQL 15 and PGlite (PostgreSQL 18), by primary subtag. */
const CONFIG_BY_LANGUAGE: Record<string, string> = {
  ar: 'arabic',
  hy: 'armenian',
  eu: 'basque',
  ca: 'catalan',
  da: 'danish',
  nl: 'dutch',
  en: 'english',
  fi: 'finnish',
  fr: 'french',
  de: 'german',
  el: 'greek',
  hi: 'hindi',
  hu: 'hungarian',
  id: 'indonesian',
  ga: 'irish',
  it: 'italian',
  lt: 'lithuanian',
  ne: 'nepali',
  no: 'norwegian',
  nb: 'norwegian',
  nn: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  es: 'spanish',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

/** Every configuration a query is parsed with, so a word matches whatever language indexed it. */
export const QUERY_CONFIGS: readonly string[] = [...new Set([...Object.values(CONFIG_BY_LANGUAGE), 'simple'])];

export function configForLanguage(tag: string): string {
  const primary = tag.split('-')[0]?.toLowerCase() ?? '';
  return CONFIG_BY_LANGUAGE[primary] ?? 'simple';
}

/** Scripts written without spaces between words. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
/** Runs of characters whose pairs are indexed as bigrams (Thai pairs would cut letters apart). */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const UNSPACED_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]+/gu;

export function hasUnspacedScript(text: string): boolean {
  return UNSPACED.test(text);
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** A language for the segmenter: the text's own tag if it names an unspaced language, else guessed from the script. */
function segmentationLanguage(text: string, tag: string): string {
  const primary = tag.split('-')[0] ?? '';
  if (['zh', 'ja', 'ko', 'th'].includes(primary)) return tag;
  if (/\p{Script=Thai}/u.test(text)) return 'th';
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'ja';
  if (/\p{Script=Hangul}/u.test(text)) return 'ko';
  return 'zh';
}

/** The words of a text as ICU cuts them, punctuation dropped. */
export function segmentWords(text: string, tag: string): string[] {
  const segmenter = segmenterFor(segmentationLanguage(text, tag));
  const words: string[] = [];
  for (const part of segmenter.segment(text)) {
    if (part.isWordLike) words.push(part.segment);
  }
  return words;
}

/** Overlapping pairs of CJK characters; a lone character stands for itself. */
export function cjkBigrams(text: string): string[] {
  const grams: string[] = [];
  for (const run of text.match(CJK_RUN) ?? []) {
    const characters = [...run];
    if (characters.length === 1) grams.push(run);
    for (let index = 0; index + 1 < characters.length; index += 1) {
      grams.push(`${characters[index]}${characters[index + 1]}`);
    }
  }
  return grams;
}

export type IndexPiece = { config: string; text: string };

/**
 * How one text in one language is indexed: stemmed with its language's configuration, or, for
 * unspaced scripts, cut into words and CJK bigrams and indexed with `simple`.
 */
export function toIndexPiece(text: string, tag: string): IndexPiece {
  if (!hasUnspacedScript(text)) return { config: configForLanguage(tag), text };
  return { config: 'simple', text: [...segmentWords(text, tag), ...cjkBigrams(text)].join(' ') };
}

/** PostgreSQL's tsquery syntax quotes a lexeme in single quotes, doubling any inside. */
function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The part of a query written in unspaced scripts, as tsquery text: for each run, either all
 * its ICU words or all its bigrams must be present, so a document cut differently still matches.
 * A lone character matches as a prefix.
 */
export function buildUnspacedQuery(query: string): string {
  const clauses: string[] = [];
  for (const run of query.match(UNSPACED_RUN) ?? []) {
    const words = segmentWords(run, '').map(quoteLexeme);
    const grams = cjkBigrams(run);
    if ([...run].length === 1) {
      clauses.push(`${quoteLexeme(run)}:*`);
      continue;
    }
    const alternatives = [words.join(' & ')];
    if (grams.length > 0) alternatives.push(grams.map(quoteLexeme).join(' & '));
    const usable = alternatives.filter((alternative) => alternative.length > 0);
    if (usable.length > 0) clauses.push(`(${usable.join(' | ')})`);
  }
  return clauses.join(' & ');
}

/** The query with its unspaced-script runs removed: what the per-language parsers read. */
export function stripUnspaced(query: string): string {
  return query.replace(UNSPACED_RUN, ' ').replace(/\s+/g, ' ').trim();
}
