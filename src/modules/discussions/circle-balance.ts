/**
 * The grouping half of study-circle matching: which language each learner is grouped in, and how a
 * language's learners are dealt into circles so that countries mix. Pure and deterministic; the
 * public entry point is `matchStudyCircles` in circle-matching.ts.
 */

/** A candidate after normalisation; `order` is their place in (optedAt, userId) order. */
export interface Learner {
  readonly userId: string;
  readonly country: string | null;
  readonly languages: readonly string[];
  readonly order: number;
}

export interface CircleSizes {
  readonly minSize: number;
  readonly maxSize: number;
  readonly targetSize: number;
}

export interface FormedCircle {
  readonly members: Learner[];
}

export interface CircleDescription {
  readonly size: number;
  /** Distinct known countries; members without a country are left out of this count. */
  readonly countries: number;
  readonly unknownCountries: number;
  /** Languages every member speaks, most preferred first (lowest sum of preference ranks). */
  readonly sharedLanguages: string[];
}

/**
 * Region subtags are dropped ('en-GB' and 'en-US' readers understand each other) but scripts are
 * kept, since 'zh-Hans' and 'zh-Hant' readers write differently. Tags Intl cannot parse are kept
 * as written, so they still match themselves.
 */
export function normaliseLanguage(tag: string): string {
  const trimmed = tag.trim();
  try {
    const locale = new Intl.Locale(trimmed);
    return locale.script ? `${locale.language}-${locale.script}` : locale.language;
  } catch {
    return trimmed;
  }
}

export function compareByOrder(a: Learner, b: Learner): number {
  return a.order - b.order;
}

export function rankOf(learner: Pick<Learner, 'languages'>, language: string): number {
  const rank = learner.languages.indexOf(language);
  return rank < 0 ? Number.POSITIVE_INFINITY : rank;
}

export function countSpeakers(learners: readonly Learner[]): Map<string, number> {
  const speakers = new Map<string, number>();
  for (const learner of learners) {
    for (const language of learner.languages) speakers.set(language, (speakers.get(language) ?? 0) + 1);
  }
  return speakers;
}

export function listSharedLanguages(members: readonly Pick<Learner, 'languages'>[]): string[] {
  const [first, ...others] = members;
  if (!first) return [];
  const shared = first.languages.filter((language) => others.every((m) => m.languages.includes(language)));
  const rankSum = (language: string) => members.reduce((sum, m) => sum + rankOf(m, language), 0);
  return shared
    .map((language) => ({ language, sum: rankSum(language) }))
    .sort((a, b) => a.sum - b.sum || (a.language < b.language ? -1 : a.language > b.language ? 1 : 0))
    .map((entry) => entry.language);
}

export function countDistinctCountries(members: readonly { readonly country: string | null }[]): number {
  return new Set(members.flatMap((m) => (m.country === null ? [] : [m.country]))).size;
}

/** Works on raw candidates too: languages and countries are normalised the way matching does. */
export function describeCircle(
  members: readonly { readonly country: string | null; readonly languages: readonly string[] }[],
): CircleDescription {
  const normalised = members.map((m) => ({
    country: m.country?.trim().toUpperCase() || null,
    languages: [...new Set(m.languages.map(normaliseLanguage))],
  }));
  return {
    size: members.length,
    countries: countDistinctCountries(normalised),
    unknownCountries: normalised.filter((m) => m.country === null).length,
    sharedLanguages: listSharedLanguages(normalised),
  };
}

/**
 * Sends each learner to their most preferred language that can still hold a circle. A language
 * left with too few learners first borrows speakers from languages that can spare them, and only
 * then is given up, its learners moving to their next choice. Learners a given-up language strands
 * get further rounds among themselves, so no language with enough of them is ever left unused.
 */
export function assignLanguageBuckets(
  pool: readonly Learner[],
  minSize: number,
): { buckets: Map<string, Learner[]>; unassigned: Learner[] } {
  const buckets = new Map<string, Learner[]>();
  let remaining = [...pool];
  for (;;) {
    const choice = settleLanguages(remaining, minSize);
    const rest: Learner[] = [];
    remaining.forEach((learner, i) => {
      const language = choice[i];
      if (language === undefined) rest.push(learner);
      else pushTo(buckets, language, learner);
    });
    if (rest.length === remaining.length) return { buckets, unassigned: rest };
    remaining = rest;
  }
}

function settleLanguages(pool: readonly Learner[], minSize: number): (string | undefined)[] {
  const viable = new Set([...countSpeakers(pool)].filter(([, n]) => n >= minSize).map(([language]) => language));
  const sizes = new Map<string, number>();
  const choice: (string | undefined)[] = [];
  const place = (i: number) => {
    const language = pool[i]?.languages.find((l) => viable.has(l));
    choice[i] = language;
    if (language !== undefined) sizes.set(language, (sizes.get(language) ?? 0) + 1);
  };
  pool.forEach((_, i) => place(i));
  for (;;) {
    const short = findShortLanguage(viable, sizes, minSize);
    if (short === undefined) return choice;
    if (borrowSpeakers(pool, short, choice, sizes, minSize)) continue;
    // The last viable language always holds all its speakers, so giving up languages ends.
    viable.delete(short);
    sizes.delete(short);
    choice.forEach((language, i) => {
      if (language === short) place(i);
    });
  }
}

/** The short language nearest to a full circle goes first: it needs the fewest borrowed speakers. */
function findShortLanguage(viable: Set<string>, sizes: Map<string, number>, minSize: number): string | undefined {
  let best: string | undefined;
  let bestSize = 0;
  for (const language of [...viable].sort()) {
    const size = sizes.get(language) ?? 0;
    if (size > 0 && size < minSize && size > bestSize) [best, bestSize] = [language, size];
  }
  return best;
}

function borrowSpeakers(
  pool: readonly Learner[],
  language: string,
  choice: (string | undefined)[],
  sizes: Map<string, number>,
  minSize: number,
): boolean {
  const need = minSize - (sizes.get(language) ?? 0);
  const donors = pool
    .map((learner, i) => ({ learner, i, from: choice[i] }))
    .filter((d) => d.from !== undefined && d.from !== language && d.learner.languages.includes(language))
    .sort((a, b) => rankOf(a.learner, language) - rankOf(b.learner, language) || a.learner.order - b.learner.order);
  const spare = new Map<string, number>();
  const picked: { i: number; from: string }[] = [];
  for (const { i, from } of donors) {
    if (picked.length === need) break;
    if (from === undefined) continue;
    const left = spare.get(from) ?? (sizes.get(from) ?? 0) - minSize;
    if (left <= 0) continue;
    spare.set(from, left - 1);
    picked.push({ i, from });
  }
  if (picked.length < need) return false;
  for (const { i, from } of picked) {
    choice[i] = language;
    sizes.set(from, (sizes.get(from) ?? 0) - 1);
  }
  sizes.set(language, minSize);
  return true;
}

/**
 * Splits one language's learners into circles of near-target size and deals them out largest
 * country first, round robin: a country with no more learners than there are circles never
 * repeats inside one, and a dominant country is spread evenly instead of clumping in the last
 * circles. Learners without a country go last, spread the same way.
 */
export function partitionBucket(
  members: readonly Learner[],
  sizes: CircleSizes,
): { circles: FormedCircle[]; leftovers: Learner[] } {
  const n = members.length;
  const fewest = Math.ceil(n / sizes.maxSize);
  const most = Math.floor(n / sizes.minSize);
  if (most === 0) return { circles: [], leftovers: [...members].sort(compareByOrder) };
  const count = fewest <= most ? Math.min(most, Math.max(fewest, Math.round(n / sizes.targetSize))) : most;
  // Only when sizes cannot split n exactly (maxSize < 2 * minSize - 1): the latest to opt in wait.
  const sorted = [...members].sort(compareByOrder);
  const seated = sorted.slice(0, Math.min(n, count * sizes.maxSize));
  const circles: FormedCircle[] = Array.from({ length: count }, () => ({ members: [] }));
  stackByCountry(seated).forEach((learner, i) => circles[i % count]?.members.push(learner));
  for (const circle of circles) circle.members.sort(compareByOrder);
  return { circles, leftovers: sorted.slice(seated.length) };
}

function stackByCountry(learners: readonly Learner[]): Learner[] {
  const byCountry = new Map<string | null, Learner[]>();
  for (const learner of learners) {
    pushTo(byCountry, learner.country, learner);
  }
  const known = [...byCountry].filter((entry): entry is [string, Learner[]] => entry[0] !== null);
  known.sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return [...known.flatMap(([, group]) => group), ...(byCountry.get(null) ?? [])];
}

/**
 * Gives learners no circle could be formed for a seat in a new circle with room whose members all
 * speak one of their languages, preferring circles they bring a new country to, then their more
 * preferred language, then smaller circles. Returns those still without a seat.
 */
export function seatLeftovers(circles: readonly FormedCircle[], leftovers: readonly Learner[], maxSize: number) {
  const shared = circles.map((circle) => new Set(listSharedLanguages(circle.members)));
  const byLanguage = new Map<string, number[]>();
  shared.forEach((languages, index) => {
    for (const language of languages) pushTo(byLanguage, language, index);
  });
  const unseated: Learner[] = [];
  for (const learner of leftovers) {
    let best: { index: number; key: number[] } | undefined;
    learner.languages.forEach((language, rank) => {
      for (const index of byLanguage.get(language) ?? []) {
        const circle = circles[index];
        if (!circle || circle.members.length >= maxSize || !shared[index]?.has(language)) continue;
        const key = [tierFor(learner.country, circle.members), rank, circle.members.length, index];
        if (!best || compareKeys(key, best.key) < 0) best = { index, key };
      }
    });
    const circle = best && circles[best.index];
    if (!best || !circle) {
      unseated.push(learner);
      continue;
    }
    circle.members.push(learner);
    circle.members.sort(compareByOrder);
    const still = shared[best.index];
    for (const language of still ?? []) if (!learner.languages.includes(language)) still?.delete(language);
  }
  return unseated;
}

/** 0: brings a new country; 1: has no country (neutral); 2: repeats a country already there. */
export function tierFor(country: string | null, members: readonly { readonly country: string | null }[]): number {
  if (country === null) return 1;
  return members.some((m) => m.country === country) ? 2 : 0;
}

export function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
