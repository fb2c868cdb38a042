import {
  assignLanguageBuckets,
  compareByOrder,
  compareKeys,
  countDistinctCountries,
  countSpeakers,
  listSharedLanguages,
  normaliseLanguage,
  partitionBucket,
  rankOf,
  seatLeftovers,
  tierFor,
  type CircleSizes,
  type FormedCircle,
  type Learner,
} from './circle-balance.ts';

export { countDistinctCountries, describeCircle, normaliseLanguage, type CircleDescription } from './circle-balance.ts';

export const CIRCLE_MIN_SIZE = 3;
export const CIRCLE_MAX_SIZE = 6;
export const CIRCLE_TARGET_SIZE = 5;

export interface CircleCandidate {
  readonly userId: string;
  /** ISO 3166-1 alpha-2, upper case; null when unknown. */
  readonly country: string | null;
  /** BCP 47 tags, most preferred first. */
  readonly languages: readonly string[];
  readonly optedAt: Date;
}

export interface ExistingCircle {
  readonly circleId: number;
  readonly language: string;
  readonly members: readonly CircleCandidate[];
}

export interface CircleMatchOptions {
  readonly minSize?: number;
  readonly maxSize?: number;
  readonly targetSize?: number;
  readonly existingCircles?: readonly ExistingCircle[];
}

/**
 * 'no_shared_language': fewer than minSize of this run's candidates speak any one of their
 * languages, so no circle could ever hold them. 'too_few': such a language exists, but its speakers
 * were all needed elsewhere or the places ran out.
 */
export type UnmatchedReason = 'no_shared_language' | 'too_few';

export interface CircleAssignment {
  readonly circleId: number;
  readonly userIds: string[];
}

export interface NewCircle {
  /** Shared by every member; of those, the one with the lowest sum of preference ranks. */
  readonly language: string;
  readonly userIds: string[];
  /** Distinct known countries; see `matchStudyCircles` for members without a country. */
  readonly countries: number;
}

export interface UnmatchedCandidate {
  readonly userId: string;
  readonly reason: UnmatchedReason;
}

export interface CircleMatchResult {
  readonly assignments: CircleAssignment[];
  readonly newCircles: NewCircle[];
  readonly unmatched: UnmatchedCandidate[];
}

/**
 * Matches the learners of one course run who opted in into study circles of minSize..maxSize
 * members that share a language, mixing countries as much as the population allows.
 *
 * - Open places in `existingCircles` are filled first: round robin over the circles (lowest
 *   circleId first), newcomers who bring a new country before anyone else, then newcomers without a
 *   country, then any speaker of the circle's language.
 * - The rest are grouped by language (see `assignLanguageBuckets`) and dealt into circles of
 *   near-targetSize members, largest country first, so big countries spread evenly.
 * - A null country is neutral: it adds no country to the count and repeats none, so two members
 *   without a country do not make a circle less diverse, nor more.
 * - Deterministic: candidates are taken in (optedAt, userId) order whatever the input order. A
 *   userId listed twice counts once (its earliest entry); candidates already in an existing
 *   circle are skipped and appear nowhere in the result.
 *
 * Throws RangeError when the sizes are not integers with 2 <= minSize <= maxSize.
 */
export function matchStudyCircles(
  candidates: readonly CircleCandidate[],
  options: CircleMatchOptions = {},
): CircleMatchResult {
  const sizes = readCircleSizes(options);
  const existing = options.existingCircles ?? [];
  const alreadySeated = new Set(existing.flatMap((circle) => circle.members.map((m) => m.userId)));
  const learners = prepareLearners(candidates, alreadySeated);
  const speakers = countSpeakers(learners);
  const { assignments, rest } = fillExistingCircles(existing, learners, sizes.maxSize);
  const { circles, leftovers } = formNewCircles(rest, sizes);
  return {
    assignments,
    newCircles: circles.map((circle) => ({
      language: listSharedLanguages(circle.members)[0] ?? '',
      userIds: circle.members.map((m) => m.userId),
      countries: countDistinctCountries(circle.members),
    })),
    unmatched: leftovers.map((learner) => ({
      userId: learner.userId,
      reason: learner.languages.some((l) => (speakers.get(l) ?? 0) >= sizes.minSize) ? 'too_few' : 'no_shared_language',
    })),
  };
}

function readCircleSizes(options: CircleMatchOptions): CircleSizes {
  const minSize = options.minSize ?? CIRCLE_MIN_SIZE;
  const maxSize = options.maxSize ?? CIRCLE_MAX_SIZE;
  const targetSize = options.targetSize ?? CIRCLE_TARGET_SIZE;
  if (!Number.isInteger(minSize) || !Number.isInteger(maxSize) || minSize < 2 || maxSize < minSize) {
    throw new RangeError(`Circle sizes must be integers with 2 <= minSize <= maxSize (got ${minSize}..${maxSize}).`);
  }
  if (!Number.isFinite(targetSize)) throw new RangeError('targetSize must be a finite number.');
  return { minSize, maxSize, targetSize: Math.min(maxSize, Math.max(minSize, targetSize)) };
}

function prepareLearners(candidates: readonly CircleCandidate[], alreadySeated: ReadonlySet<string>): Learner[] {
  const normaliseCached = cacheBy(normaliseLanguage);
  const sorted = [...candidates].sort(compareCandidates);
  const seen = new Set<string>();
  const learners: Learner[] = [];
  for (const candidate of sorted) {
    if (seen.has(candidate.userId) || alreadySeated.has(candidate.userId)) continue;
    seen.add(candidate.userId);
    const languages = [...new Set(candidate.languages.map(normaliseCached))].filter((l) => l !== '');
    learners.push({
      userId: candidate.userId,
      country: normaliseCountry(candidate.country),
      languages,
      order: learners.length,
    });
  }
  return learners;
}

/** Total order, so that duplicated userIds resolve the same way whatever the input order. */
function compareCandidates(a: CircleCandidate, b: CircleCandidate): number {
  return (
    readTime(a.optedAt) - readTime(b.optedAt) ||
    compareText(a.userId, b.userId) ||
    compareText(a.country ?? '', b.country ?? '') ||
    compareText(a.languages.join(','), b.languages.join(','))
  );
}

function readTime(date: Date): number {
  const time = date.getTime();
  return Number.isNaN(time) ? Number.MAX_VALUE : time;
}

/** Code-unit order rather than localeCompare: the result must not depend on the server's locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function normaliseCountry(country: string | null): string | null {
  return country?.trim().toUpperCase() || null;
}

function cacheBy(fn: (key: string) => string): (key: string) => string {
  const cache = new Map<string, string>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = fn(key)));
    return value;
  };
}

interface OpenCircle {
  readonly circleId: number;
  readonly language: string;
  readonly members: { readonly country: string | null }[];
  readonly added: Learner[];
  room: number;
}

/** The speakers of one language from one country, best placed first (preference rank, then order). */
interface CountryQueue {
  readonly learners: Learner[];
  next: number;
}

function fillExistingCircles(
  existing: readonly ExistingCircle[],
  learners: readonly Learner[],
  maxSize: number,
): { assignments: CircleAssignment[]; rest: Learner[] } {
  const open: OpenCircle[] = [...existing]
    .sort((a, b) => a.circleId - b.circleId)
    .map((circle) => ({
      circleId: circle.circleId,
      language: normaliseLanguage(circle.language),
      members: circle.members.map((m) => ({ country: normaliseCountry(m.country) })),
      added: [],
      room: maxSize - circle.members.length,
    }))
    .filter((circle) => circle.room > 0);
  const queues = queueByLanguageAndCountry(learners, new Set(open.map((c) => c.language)));
  const taken = new Set<number>();
  // First pass: only newcomers bringing a new country, so no circle spends a place on a repeat
  // while another circle could still gain a country from the same learner.
  for (const maxTier of [0, 2]) {
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const circle of open) {
        if (circle.room === 0) continue;
        const pick = pickNewcomer(circle, queues.get(circle.language) ?? [], taken, maxTier);
        if (!pick) continue;
        taken.add(pick.order);
        circle.added.push(pick);
        circle.members.push(pick);
        circle.room -= 1;
        progressed = true;
      }
    }
  }
  const assignments = open
    .filter((circle) => circle.added.length > 0)
    .map((circle) => ({ circleId: circle.circleId, userIds: circle.added.sort(compareByOrder).map((m) => m.userId) }));
  return { assignments, rest: learners.filter((learner) => !taken.has(learner.order)) };
}

function queueByLanguageAndCountry(learners: readonly Learner[], languages: ReadonlySet<string>) {
  const queues = new Map<string, Map<string | null, CountryQueue>>();
  for (const learner of learners) {
    for (const language of learner.languages) {
      if (!languages.has(language)) continue;
      const byCountry = queues.get(language) ?? new Map<string | null, CountryQueue>();
      queues.set(language, byCountry);
      const queue = byCountry.get(learner.country) ?? { learners: [], next: 0 };
      byCountry.set(learner.country, queue);
      queue.learners.push(learner);
    }
  }
  const result = new Map<string, CountryQueue[]>();
  for (const [language, byCountry] of queues) {
    const list = [...byCountry.values()];
    for (const queue of list) {
      queue.learners.sort((a, b) => rankOf(a, language) - rankOf(b, language) || a.order - b.order);
    }
    result.set(language, list);
  }
  return result;
}

function pickNewcomer(
  circle: OpenCircle,
  queues: readonly CountryQueue[],
  taken: ReadonlySet<number>,
  maxTier: number,
): Learner | undefined {
  let best: { learner: Learner; key: number[] } | undefined;
  for (const queue of queues) {
    while (queue.next < queue.learners.length && taken.has(queue.learners[queue.next]?.order ?? -1)) queue.next++;
    const head = queue.learners[queue.next];
    if (!head) continue;
    const tier = tierFor(head.country, circle.members);
    if (tier > maxTier) continue;
    const key = [tier, rankOf(head, circle.language), head.order];
    if (!best || compareKeys(key, best.key) < 0) best = { learner: head, key };
  }
  return best?.learner;
}

function formNewCircles(pool: readonly Learner[], sizes: CircleSizes) {
  const { buckets, unassigned } = assignLanguageBuckets(pool, sizes.minSize);
  const circles: FormedCircle[] = [];
  const leftovers: Learner[] = [...unassigned];
  for (const language of [...buckets.keys()].sort()) {
    const split = partitionBucket(buckets.get(language) ?? [], sizes);
    circles.push(...split.circles);
    leftovers.push(...split.leftovers);
  }
  leftovers.sort(compareByOrder);
  return { circles, leftovers: seatLeftovers(circles, leftovers, sizes.maxSize) };
}
