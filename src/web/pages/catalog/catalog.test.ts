import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCatalogEntry } from '../../../modules/catalog/index.ts';
import { buildDocument, buildSampleCatalog, owner } from '../../../modules/catalog/test-fixtures.ts';
import { clearPageCache } from '../../page-cache.ts';
import { createTestApp, createTestUser, signIn, type TestContext } from '../../../../test/support/app.ts';

let ctx: TestContext;
let learnerCookies: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const learner = await createTestUser(ctx.platform);
  learnerCookies = await signIn(ctx.app, learner.email);
});
afterAll(() => ctx.close());

function get(url: string, headers: Record<string, string> = {}) {
  return ctx.app.inject({ method: 'GET', url, headers });
}

/** Card titles in page order. */
function cardTitles(html: string): string[] {
  return [...html.matchAll(/<li class="card course-card"><h3><a href="\/courses\/([^"]+)"/g)].map((match) => match[1]!);
}

function decode(href: string): string {
  return href.replace(/&amp;/g, '&');
}

describe('GET /courses with nothing published', () => {
  it('says so and points to the member institutions', async () => {
    const response = await get('/courses');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('No courses have been published yet.');
    expect(response.body).toContain('href="/institutions"');
  });
});

describe('GET /courses', () => {
  beforeAll(async () => {
    for (const document of buildSampleCatalog()) await upsertCatalogEntry(ctx.platform.db, document);
    for (let index = 0; index < 25; index += 1) {
      await upsertCatalogEntry(
        ctx.platform.db,
        buildDocument({
          key: `bridge-design-${index}`,
          titles: { en: `Bridge Design ${index}` },
          subjects: ['engineering'],
          level: index % 2 === 0 ? 'introductory' : 'advanced',
          owners: [owner('sorbonne')],
          publishedAt: new Date(Date.UTC(2025, 0, 1 + index)),
        }),
      );
    }
    // Written straight to the catalog, not through a publish: forget the empty page seen above.
    clearPageCache();
  });

  it.each([
    ['an anonymous visitor', false],
    ['a signed-in learner', true],
  ])('lists published courses as cards for %s', async (_who, signedIn) => {
    const response = await get('/courses', signedIn ? { cookie: learnerCookies } : {});
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>Courses · Orbis</title>');
    expect(response.body).toContain('30 courses');
    expect(cardTitles(response.body)).toHaveLength(20);
  });

  it('marks joint courses and names the lead institution first', async () => {
    const html = (await get('/courses?q=climate')).body;
    const card = html.slice(html.indexOf('href="/courses/climate-change"'));
    const cardEnd = card.indexOf('</li>');
    expect(card.slice(0, cardEnd)).toContain('Joint course');
    expect(card.slice(0, cardEnd)).toContain('Offered by University of Nairobi (lead) and Tsinghua University');
  });

  it('finds courses by a misspelt word and by a Chinese query', async () => {
    const misspelt = (await get('/courses?q=machne+lerning')).body;
    expect(cardTitles(misspelt)).toContain('machine-learning');
    const chinese = (await get(`/courses?q=${encodeURIComponent('机器学习')}`)).body;
    expect(cardTitles(chinese)).toEqual(['machine-learning']);
    expect(chinese).toContain('1 course for “机器学习”');
  });

  it('narrows by a facet, keeps the box ticked and counts the other values', async () => {
    const html = (await get('/courses?subject=ict')).body;
    expect(cardTitles(html).sort()).toEqual(['ciencia-datos', 'machine-learning']);
    expect(html).toMatch(/name="subject" value="ict" checked/);
    expect(html).toContain('Engineering, manufacturing and construction (25)');
  });

  it('keeps every other filter in pagination and filter-removal links', async () => {
    const html = (await get('/courses?subject=engineering&level=advanced&level=introductory&sort=newest')).body;
    expect(html).toContain('25 courses');
    const next = decode(/rel="next" href="([^"]+)"/.exec(html)![1]!);
    expect(next).toBe('/courses?subject=engineering&level=advanced&level=introductory&sort=newest&page=2');
    const second = (await get(next)).body;
    expect(cardTitles(second)).toHaveLength(5);
    expect(decode(/rel="prev" href="([^"]+)"/.exec(second)![1]!)).toBe(
      '/courses?subject=engineering&level=advanced&level=introductory&sort=newest',
    );
    const removals = [...second.matchAll(/<a href="([^"]+)" aria-label="Remove filter: ([^"]+)"/g)];
    const removeAdvanced = removals.find((match) => match[2] === 'Level: Advanced')!;
    expect(decode(removeAdvanced[1]!)).toBe('/courses?subject=engineering&level=introductory&sort=newest');
  });

  it('ignores malformed filter values instead of failing', async () => {
    const long = 'a'.repeat(500);
    const response = await get(
      `/courses?subject=%3Cscript%3E&language=english&page=-3&sort=bogus&availability=never&pacing=x&q=${long}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('<script>');
    expect((await get('/courses?page=abc&certificate=yes')).body).toContain('30 courses');
  });

  it('suggests what to do when nothing matches', async () => {
    const html = (await get('/courses?q=zzqqxxv&level=advanced')).body;
    expect(html).toContain('No courses match this search');
    expect(html).toContain('remove a filter');
    expect(html).toContain('href="/courses">Show all courses');
  });

  it('filters by certificate and availability values shown as facets', async () => {
    const html = (await get('/courses?certificate=available')).body;
    expect(cardTitles(html).sort()).toEqual(['ciencia-datos', 'climate-change', 'machine-learning']);
    expect(html).toContain('Certificate available (3)');
    const selfPaced = (await get('/courses?availability=self_paced')).body;
    expect(cardTitles(selfPaced).sort()).toEqual(['ciencia-datos', 'sante-publique']);
  });

  it('shows titles in the reader language, right to left in Arabic', async () => {
    const html = (await get('/courses?q=climate', { 'accept-language': 'ar' })).body;
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('تغير المناخ والتنمية المستدامة');
    expect(html).toContain('مقرر مشترك');
  });
});
