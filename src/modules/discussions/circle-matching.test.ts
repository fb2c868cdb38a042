import { describe, expect, it } from 'vitest';
import {
  CIRCLE_MAX_SIZE,
  CIRCLE_MIN_SIZE,
  describeCircle,
  matchStudyCircles,
  type CircleCandidate,
  type CircleMatchOptions,
  type CircleMatchResult,
  type ExistingCircle,
} from './circle-matching.ts';

const BASE = Date.UTC(2025, 2, 1);

function learner(userId: string, country: string | null, languages: string[], minute = 0): CircleCandidate {
  return { userId, country, languages, optedAt: new Date(BASE + minute * 60_000) };
}

/** mulberry32: small, seedable, good enough to vary populations reproducibly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickWeighted<T>(rand: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let roll = rand() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error('no items');
  return last[0];
}

function shuffled<T>(rand: () => number, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const COUNTRIES = ['IN', 'US', 'NG', 'BR', 'CN', 'EG', 'FR', 'KE', 'MX', 'DE', 'ID', 'PK'];
const LANGUAGES: readonly (readonly [string, number])[] = [
  ['en', 10],
  ['es', 4],
  ['fr', 3],
  ['ar', 3],
  ['zh-Hans', 2],
  ['hi', 1],
  ['sw', 1],
  ['eu', 0.2],
];

function generatePopulation(rand: () => number, size: number, prefix = 'u'): CircleCandidate[] {
  const mode = Math.floor(rand() * 3);
  const countryWeights = COUNTRIES.map((c, i) => {
    if (mode === 0) return [c, 1] as const;
    if (mode === 1) return [c, i === 0 ? 18 : 1] as const; // one country holds ~60%
    return [c, 1 / (i + 1)] as const; // Zipf-like
  });
  return Array.from({ length: size }, (_, i) => {
    const country = rand() < 0.06 ? null : pickWeighted(rand, countryWeights);
    const count = 1 + Math.floor(rand() * rand() * 3);
    const languages = new Set<string>();
    while (languages.size < count) languages.add(pickWeighted(rand, LANGUAGES));
    // Few minutes, many people: optedAt ties are common, so userId must break them.
    return learner(`${prefix}${i}`, country, [...languages], Math.floor(rand() * 40));
  });
}

function generateExisting(rand: () => number, maxSize: number): ExistingCircle[] {
  const count = 1 + Math.floor(rand() * 4);
  return Array.from({ length: count }, (_, i) => {
    const language = pickWeighted(rand, LANGUAGES);
    const members = generatePopulation(rand, 1 + Math.floor(rand() * maxSize), `x${i}-`).map((m) => ({
      ...m,
      languages: [language, ...m.languages.filter((l) => l !== language)],
    }));
    return { circleId: 100 - i * 7, language, members };
  });
}

/** Checks everything matchStudyCircles promises, whatever the population. */
function expectValidResult(
  candidates: readonly CircleCandidate[],
  options: CircleMatchOptions,
  result: CircleMatchResult,
): void {
  const min = options.minSize ?? CIRCLE_MIN_SIZE;
  const max = options.maxSize ?? CIRCLE_MAX_SIZE;
  const existing = options.existingCircles ?? [];
  const seated = new Set(existing.flatMap((c) => c.members.map((m) => m.userId)));
  const byId = new Map(candidates.filter((c) => !seated.has(c.userId)).map((c) => [c.userId, c]));
  const member = (id: string): CircleCandidate => {
    const found = byId.get(id);
    if (!found) throw new Error(`unknown or already seated user ${id}`);
    return found;
  };

  const placed = [
    ...result.newCircles.flatMap((c) => c.userIds),
    ...result.assignments.flatMap((a) => a.userIds),
    ...result.unmatched.map((u) => u.userId),
  ];
  expect(placed.length).toBe(byId.size);
  expect(new Set(placed)).toEqual(new Set(byId.keys()));

  for (const circle of result.newCircles) {
    const members = circle.userIds.map(member);
    expect(members.length).toBeGreaterThanOrEqual(min);
    expect(members.length).toBeLessThanOrEqual(max);
    const description = describeCircle(members);
    expect(description.sharedLanguages[0]).toBe(circle.language);
    expect(members.every((m) => m.languages.includes(circle.language))).toBe(true);
    expect(circle.countries).toBe(description.countries);
  }

  for (const assignment of result.assignments) {
    const circle = existing.find((c) => c.circleId === assignment.circleId);
    if (!circle) throw new Error(`assignment to unknown circle ${assignment.circleId}`);
    expect(assignment.userIds.length).toBeGreaterThan(0);
    expect(circle.members.length + assignment.userIds.length).toBeLessThanOrEqual(max);
    expect(assignment.userIds.map(member).every((m) => m.languages.includes(circle.language))).toBe(true);
  }

  const speakers = new Map<string, number>();
  for (const c of byId.values()) for (const l of c.languages) speakers.set(l, (speakers.get(l) ?? 0) + 1);
  const leftoverSpeakers = new Map<string, number>();
  for (const { userId, reason } of result.unmatched) {
    const { languages } = member(userId);
    const couldGroup = languages.some((l) => (speakers.get(l) ?? 0) >= min);
    expect(reason).toBe(couldGroup ? 'too_few' : 'no_shared_language');
    for (const l of languages) leftoverSpeakers.set(l, (leftoverSpeakers.get(l) ?? 0) + 1);
  }
  // Sizes that can split any count: the unmatched never hold enough speakers of a language for one more circle.
  if (max >= 2 * min - 1) {
    for (const count of leftoverSpeakers.values()) expect(count).toBeLessThan(min);
  }
}

describe('matchStudyCircles invariants over generated populations', () => {
  it('keeps every promise for populations of 0 to 200 learners', () => {
    const rand = seededRandom(20250301);
    for (let run = 0; run < 300; run++) {
      const size = Math.floor(rand() * 201);
      const candidates = generatePopulation(rand, size);
      const roll = rand();
      let options: CircleMatchOptions = {};
      if (roll < 0.2) {
        const minSize = 2 + Math.floor(rand() * 3);
        const maxSize = minSize + Math.floor(rand() * 5);
        options = { minSize, maxSize, targetSize: minSize + rand() * (maxSize - minSize) };
      } else if (roll < 0.45) {
        const existingCircles = generateExisting(rand, CIRCLE_MAX_SIZE);
        // Sometimes an existing member opts in again: they are already seated and must be skipped.
        const again = existingCircles[0]?.members[0];
        if (again && rand() < 0.5) candidates.push(again);
        options = { existingCircles };
      }
      const result = matchStudyCircles(candidates, options);
      expectValidResult(candidates, options, result);
      expect(matchStudyCircles(shuffled(rand, candidates), options)).toEqual(result);
    }
  });

  it('keeps every promise for 10,000 learners', () => {
    const rand = seededRandom(7);
    const candidates = generatePopulation(rand, 10_000);
    const options = { existingCircles: generateExisting(rand, CIRCLE_MAX_SIZE) };
    const result = matchStudyCircles(candidates, options);
    expectValidResult(candidates, options, result);
    expect(result.newCircles.length).toBeGreaterThan(1500);
    expect(matchStudyCircles(shuffled(rand, candidates), options)).toEqual(result);
  });

  it('returns nothing for nobody', () => {
    expect(matchStudyCircles([])).toEqual({ assignments: [], newCircles: [], unmatched: [] });
  });
});

describe('matchStudyCircles country mix', () => {
  it('gives every circle as many countries as members when countries allow it', () => {
    const candidates = COUNTRIES.slice(0, 10).flatMap((country, c) =>
      [0, 1, 2].map((k) => learner(`${country}-${k}`, country, ['en'], c * 3 + k)),
    );
    const result = matchStudyCircles(candidates);
    expect(result.unmatched).toEqual([]);
    expect(result.newCircles.map((c) => c.userIds.length)).toEqual([5, 5, 5, 5, 5, 5]);
    for (const circle of result.newCircles) expect(circle.countries).toBe(circle.userIds.length);
  });

  it('spreads a dominant country evenly so every circle still mixes', () => {
    const dominant = Array.from({ length: 20 }, (_, i) => learner(`in${i}`, 'IN', ['en'], i));
    const others = ['US', 'NG', 'BR', 'KE', 'MX'].flatMap((country, c) =>
      [0, 1].map((k) => learner(`${country}${k}`, country, ['en'], 30 + c * 2 + k)),
    );
    const result = matchStudyCircles([...dominant, ...others]);
    expect(result.unmatched).toEqual([]);
    expect(result.newCircles).toHaveLength(6);
    for (const circle of result.newCircles) {
      expect(circle.countries).toBeGreaterThanOrEqual(2);
      const fromIndia = circle.userIds.filter((id) => id.startsWith('in')).length;
      expect(fromIndia).toBeGreaterThanOrEqual(3);
      expect(fromIndia).toBeLessThanOrEqual(4);
    }
  });

  it('treats a missing country as neutral', () => {
    const result = matchStudyCircles([
      learner('a', null, ['en']),
      learner('b', null, ['en'], 1),
      learner('c', 'KE', ['en'], 2),
    ]);
    expect(result.newCircles).toEqual([{ language: 'en', userIds: ['a', 'b', 'c'], countries: 1 }]);
    expect(describeCircle([learner('a', null, ['en']), learner('b', null, ['en'])])).toMatchObject({
      countries: 0,
      unknownCountries: 2,
    });
  });
});

describe('matchStudyCircles languages', () => {
  const english = Array.from({ length: 10 }, (_, i) => learner(`en${i}`, COUNTRIES[i] ?? null, ['en'], i));

  it('forms an Arabic circle beside the English ones', () => {
    const arabic = ['EG', 'MA', 'JO', 'SA'].map((country, i) => learner(`ar${i}`, country, ['ar'], 20 + i));
    const result = matchStudyCircles([...english, ...arabic]);
    const ar = result.newCircles.filter((c) => c.language === 'ar');
    expect(ar).toEqual([{ language: 'ar', userIds: ['ar0', 'ar1', 'ar2', 'ar3'], countries: 4 }]);
    expect(result.newCircles.filter((c) => c.language === 'en').map((c) => c.userIds.length)).toEqual([5, 5]);
    expect(result.unmatched).toEqual([]);
  });

  it('leaves two French-only learners unmatched rather than forcing them in', () => {
    const french = [learner('fr0', 'FR', ['fr'], 20), learner('fr1', 'SN', ['fr'], 21)];
    const result = matchStudyCircles([...english, ...french]);
    expect(result.unmatched).toEqual([
      { userId: 'fr0', reason: 'no_shared_language' },
      { userId: 'fr1', reason: 'no_shared_language' },
    ]);
  });

  it('borrows a bilingual learner to complete a small language', () => {
    const arabic = [learner('ar0', 'EG', ['ar'], 20), learner('ar1', 'MA', ['ar'], 21)];
    const bilingual = learner('bi', 'JO', ['en', 'ar'], 22);
    const result = matchStudyCircles([...english, ...arabic, bilingual]);
    expect(result.newCircles.find((c) => c.language === 'ar')?.userIds).toEqual(['ar0', 'ar1', 'bi']);
    expect(result.unmatched).toEqual([]);
  });

  it('reports the shared language members prefer most', () => {
    const result = matchStudyCircles([
      learner('a', 'FR', ['fr', 'en']),
      learner('b', 'SN', ['en', 'fr'], 1),
      learner('c', 'CA', ['fr', 'en'], 2),
    ]);
    expect(result.newCircles.map((c) => c.language)).toEqual(['fr']);
  });

  it('matches regional variants of a language but not different scripts', () => {
    const result = matchStudyCircles([
      learner('a', 'GB', ['en-GB']),
      learner('b', 'US', ['EN-us'], 1),
      learner('c', 'IN', ['en'], 2),
      learner('d', 'CN', ['zh-Hans'], 3),
      learner('e', 'TW', ['zh-Hant'], 4),
      learner('f', 'SG', ['zh-hans-SG'], 5),
    ]);
    expect(result.newCircles).toEqual([{ language: 'en', userIds: ['a', 'b', 'c'], countries: 3 }]);
    expect(result.unmatched.map((u) => u.userId)).toEqual(['d', 'e', 'f']);
  });

  it('says too_few when a language had enough speakers but they were needed elsewhere', () => {
    const result = matchStudyCircles([...english.slice(0, 4), learner('x', 'FR', ['en'], 30)], {
      minSize: 4,
      maxSize: 4,
    });
    expect(result.newCircles.map((c) => c.userIds)).toEqual([['en0', 'en1', 'en2', 'en3']]);
    expect(result.unmatched).toEqual([{ userId: 'x', reason: 'too_few' }]);
  });
});

describe('matchStudyCircles input handling', () => {
  it('gives the same circles whatever the input order and counts a repeated userId once', () => {
    const candidates = Array.from({ length: 9 }, (_, i) => learner(`u${i}`, COUNTRIES[i % 4] ?? null, ['en'], i % 2));
    const repeated = [...candidates, learner('u3', 'MX', ['en'], 50)];
    const result = matchStudyCircles(repeated);
    expect(matchStudyCircles([...repeated].reverse())).toEqual(result);
    expect(result.newCircles.flatMap((c) => c.userIds).sort()).toEqual(candidates.map((c) => c.userId).sort());
  });

  it('fits uneven sizes as well as the bounds allow and leaves the latest to opt in waiting', () => {
    const candidates = Array.from({ length: 7 }, (_, i) => learner(`u${i}`, COUNTRIES[i] ?? null, ['en'], i));
    const result = matchStudyCircles(candidates, { minSize: 4, maxSize: 5 });
    expect(result.newCircles.map((c) => c.userIds.length)).toEqual([5]);
    expect(result.unmatched).toEqual([
      { userId: 'u5', reason: 'too_few' },
      { userId: 'u6', reason: 'too_few' },
    ]);
  });

  it('rejects impossible sizes', () => {
    expect(() => matchStudyCircles([], { minSize: 1 })).toThrow(RangeError);
    expect(() => matchStudyCircles([], { minSize: 5, maxSize: 4 })).toThrow(RangeError);
    expect(() => matchStudyCircles([], { maxSize: 4.5 })).toThrow(RangeError);
  });
});

describe('matchStudyCircles with existing circles', () => {
  const circle = (circleId: number, language: string, countries: string[]): ExistingCircle => ({
    circleId,
    language,
    members: countries.map((country, i) => learner(`m${circleId}-${i}`, country, [language], -100)),
  });

  it('fills open places first, new countries before repeats', () => {
    const result = matchStudyCircles(
      [
        learner('us1', 'US', ['en'], 1),
        learner('us2', 'US', ['en'], 2),
        learner('br', 'BR', ['en'], 3),
        learner('jp', 'JP', ['ja', 'en'], 4),
      ],
      { existingCircles: [circle(1, 'en', ['US', 'FR', 'DE'])] },
    );
    expect(result.assignments).toEqual([{ circleId: 1, userIds: ['us1', 'br', 'jp'] }]);
    expect(result.newCircles).toEqual([]);
    expect(result.unmatched).toEqual([{ userId: 'us2', reason: 'too_few' }]);
  });

  it('spreads newcomers round robin and keeps each circle to its language', () => {
    const result = matchStudyCircles(
      [
        learner('ke', 'KE', ['en'], 1),
        learner('ng', 'NG', ['en'], 2),
        learner('eg', 'EG', ['ar'], 3),
        learner('ma', 'MA', ['ar', 'en'], 4),
      ],
      {
        existingCircles: [
          circle(7, 'en', ['US', 'IN', 'GB', 'AU', 'CA']),
          circle(3, 'en', ['US', 'IN', 'GB']),
          circle(9, 'ar', ['JO', 'SA', 'EG', 'DZ', 'TN', 'QA']),
          circle(5, 'ar', ['JO', 'SA', 'EG']),
        ],
      },
    );
    expect(result.assignments).toEqual([
      { circleId: 3, userIds: ['ke'] },
      { circleId: 5, userIds: ['eg', 'ma'] },
      { circleId: 7, userIds: ['ng'] },
    ]);
    // 'eg' repeats Egypt, so takes a place only once 'ma' has brought a new country.
    expect(result.unmatched).toEqual([]);
    expect(result.newCircles).toEqual([]);
  });

  it('forms new circles from whoever the existing circles cannot take', () => {
    const newcomers = Array.from({ length: 8 }, (_, i) => learner(`es${i}`, COUNTRIES[i] ?? null, ['es'], i));
    const result = matchStudyCircles([learner('gh', 'GH', ['en'], 0), ...newcomers], {
      existingCircles: [circle(2, 'en', ['US', 'IN', 'GB', 'AU', 'CA'])],
    });
    expect(result.assignments).toEqual([{ circleId: 2, userIds: ['gh'] }]);
    expect(result.newCircles.map((c) => [c.language, c.userIds.length])).toEqual([
      ['es', 4],
      ['es', 4],
    ]);
  });
});
