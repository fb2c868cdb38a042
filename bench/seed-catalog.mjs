// Fills the catalog of a fresh embedded database with BENCH_CATALOG_COURSES (default 1,000) search
// documents before the server starts, so /courses is measured at a realistic size. The entries stand
// alone (the catalog keeps no foreign keys): their course pages are not there, only their cards.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { envNumber } from './lib.mjs';

export const CATALOG_COURSES = envNumber('BENCH_CATALOG_COURSES', 1000);
const FIRST_ID = 800_000_000;
const DAY = 86_400_000;

const TOPICS = [
  ['natural_sciences', 'Climate Change', '气候变化', 'تغير المناخ'],
  ['ict', 'Machine Learning', '机器学习', 'تعلم الآلة'],
  ['ict', 'Data Science', '数据科学', 'علم البيانات'],
  ['health_welfare', 'Public Health', '公共卫生', 'الصحة العامة'],
  ['business_law', 'Entrepreneurship', '创业学', 'ريادة الأعمال'],
  ['social_sciences', 'Urban Sociology', '城市社会学', 'علم الاجتماع الحضري'],
  ['arts_humanities', 'World History', '世界历史', 'تاريخ العالم'],
  ['engineering', 'Renewable Energy', '可再生能源', 'الطاقة المتجددة'],
  ['agriculture', 'Food Security', '粮食安全', 'الأمن الغذائي'],
  ['education', 'Teaching Online', '在线教学', 'التدريس عبر الإنترنت'],
];
const OWNERS = [
  ['tsinghua', 'Tsinghua University', 'CN'],
  ['nairobi', 'University of Nairobi', 'KE'],
  ['sorbonne', 'Sorbonne Université', 'FR'],
  ['cairo', 'Cairo University', 'EG'],
  ['unam', 'Universidad Nacional Autónoma de México', 'MX'],
];
const LEVELS = ['introductory', 'intermediate', 'advanced'];
const LANGUAGES = [['en'], ['en', 'zh-Hans'], ['ar', 'en'], ['fr'], ['es']];

function toOwner(index, role) {
  const [key, name, country] = OWNERS[index % OWNERS.length];
  return { institutionId: 1 + (index % OWNERS.length), key, name: { en: name }, country, role };
}

function buildRun(index, now) {
  const start = new Date(now + (((index * 37) % 240) - 120) * DAY);
  return {
    code: `R${index}`,
    pacing: index % 4 === 0 ? 'self_paced' : 'scheduled',
    startsAt: start,
    endsAt: new Date(start.getTime() + 60 * DAY),
    enrollmentOpensAt: new Date(start.getTime() - 30 * DAY),
    enrollmentClosesAt: new Date(start.getTime() + 14 * DAY),
    certificatePolicy: index % 3 === 0 ? 'none' : 'free_on_pass',
    language: 'en',
  };
}

function buildDocument(index, now) {
  const [subject, en, zh, ar] = TOPICS[index % TOPICS.length];
  const owners = [toOwner(index, 'lead')];
  if (index % 5 === 0) owners.push(toOwner(index + 2, 'partner'));
  return {
    courseId: FIRST_ID + index,
    courseUuid: randomUUID(),
    key: `bench-course-${index}`,
    titles: { en: `${en} ${index}`, 'zh-Hans': `${zh} ${index}`, ar: `${ar} ${index}` },
    shortDescriptions: { en: `Learn ${en.toLowerCase()} with practitioners from every region.` },
    descriptions: { en: `This course explores ${en.toLowerCase()} through case studies and a project with peers.` },
    outcomes: [{ en: `Explain the main ideas of ${en.toLowerCase()}` }],
    skills: [{ name: { en: `${en} methods` } }],
    subjects: [subject],
    level: LEVELS[index % LEVELS.length],
    languages: LANGUAGES[(index * 7) % LANGUAGES.length],
    owners,
    runs: [buildRun(index, now)],
    workloadHours: 10 + (index % 30),
    publishedAt: new Date(now - index * 3_600_000),
  };
}

/** Writes the documents into the PGlite database the server will open from `dataDir`. */
export async function seedCatalog(dataDir) {
  const { applyMigrations, openDatabase } = await tsImport('../src/platform/db/index.ts', import.meta.url);
  const catalog = await tsImport('../src/modules/catalog/index.ts', import.meta.url);
  const handle = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
  try {
    await applyMigrations(handle);
    const now = Date.now();
    for (let index = 0; index < CATALOG_COURSES; index += 1) {
      await catalog.upsertCatalogEntry(handle.db, buildDocument(index, now));
    }
  } finally {
    await handle.close();
  }
}
