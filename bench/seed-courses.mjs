// Seeds BENCH_COURSES (default 1,000) real courses through the services before the server starts:
// each with a section, a unit, a text block, a release and a run, owned by one to three founding
// members, titled in English, Chinese and Arabic. Publishing indexes each course in the catalog,
// so /courses, /courses/<key> and searchCourses are measured at a realistic size.
import { tsImport } from 'tsx/esm/api';
import { envNumber } from './lib.mjs';

export const BENCH_COURSES = envNumber('BENCH_COURSES', 1000);
const DAY = 86_400_000;
const PASSWORD = 'bench-password-not-secret';

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
const LEADS = ['tsinghua', 'nairobi', 'polimi', 'pku', 'toronto'];
const LEVELS = ['introductory', 'intermediate', 'advanced'];
const LANGUAGES = [['en'], ['en', 'zh-Hans'], ['ar', 'en'], ['fr'], ['es']];

/** Loaded once: a second tsImport would make a second copy of every module. */
let modules;
async function load() {
  modules ??= await tsImport('./seed-modules.ts', import.meta.url);
  return modules;
}

function buildMetadata(index) {
  const [subject, en, zh, ar] = TOPICS[index % TOPICS.length];
  return {
    title: { en: `${en} ${index}`, 'zh-Hans': `${zh} ${index}`, ar: `${ar} ${index}` },
    shortDescription: { en: `Learn ${en.toLowerCase()} with practitioners from every region.` },
    description: { en: `This course explores **${en.toLowerCase()}** through case studies and a project with peers.` },
    subjects: [subject],
    skills: [{ name: { en: `${en} methods` } }],
    level: LEVELS[index % LEVELS.length],
    languages: LANGUAGES[(index * 7) % LANGUAGES.length],
    outcomes: [{ en: `Explain the main ideas of ${en.toLowerCase()}` }],
    effort: { hoursPerWeek: 2 + (index % 5), weeks: 4 + (index % 8) },
  };
}

function buildRun(index, now) {
  const start = new Date(now + (((index * 37) % 240) - 120) * DAY);
  if (index % 4 === 0) return { code: 'self-paced', pacing: 'self_paced', language: 'en' };
  return {
    code: `R${index}`,
    pacing: 'scheduled',
    language: 'en',
    startsAt: start,
    endsAt: new Date(start.getTime() + 60 * DAY),
    enrollmentOpensAt: new Date(start.getTime() - 30 * DAY),
    enrollmentClosesAt: new Date(start.getTime() + 14 * DAY),
    certificatePolicy: index % 3 === 0 ? 'none' : 'free_on_pass',
  };
}

/** One instructor holding the instructor role at every lead institution of the bench courses. */
async function prepareInstructor(platform, byKey) {
  const { SYSTEM_ACTOR, createAccount, addMember, listMembershipsOfUser } = await load();
  const system = { db: platform.db, clock: platform.clock, actor: SYSTEM_ACTOR };
  const user = await createAccount(system, {
    email: 'bench.instructor@demo.orbis.test',
    name: 'Bench Instructor',
    password: PASSWORD,
    emailVerified: true,
  });
  for (const key of LEADS)
    await addMember(system, { institutionId: byKey.get(key).id, userId: user.id, role: 'instructor' });
  const memberships = await listMembershipsOfUser(platform.db, user.id);
  return {
    db: platform.db,
    clock: platform.clock,
    actor: { userId: user.id, isSecretariat: false, memberships, via: 'system' },
  };
}

async function seedOne(ctx, courses, byKey, index, now) {
  const key = `bench-course-${index}`;
  const lead = byKey.get(LEADS[index % LEADS.length]);
  const partners = index % 5 === 0 ? [byKey.get(LEADS[(index + 1) % LEADS.length]).id] : [];
  await courses.createCourse(ctx, {
    key,
    leadInstitutionId: lead.id,
    partnerInstitutionIds: partners,
    metadata: buildMetadata(index),
  });
  const section = await courses.addSection(ctx, key, { title: 'Week 1' });
  const unit = await courses.addUnit(ctx, key, section.key, { title: 'Getting started' });
  await courses.addBlock(ctx, key, unit.key, { type: 'text', title: 'Welcome', body: 'Welcome to the course.' });
  await courses.publishCourse(ctx, key, { message: 'First edition' });
  await courses.createRun(ctx, key, buildRun(index, now));
}

/**
 * Seeds the demo alliance and BENCH_COURSES courses into the database the server will use:
 * `databaseUrl` (PostgreSQL) or the embedded database under `dataDir`.
 */
export async function seedCourses({ dataDir, databaseUrl }) {
  const courses = await load();
  const { loadConfig, openPlatform, seedDemoIfEmpty, getInstitutionByKey } = courses;
  const config = loadConfig({
    NODE_ENV: 'development',
    ORBIS_DATA_DIR: dataDir,
    ORBIS_LOG_LEVEL: 'warn',
    ORBIS_DEMO: 'true',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const platform = await openPlatform(config, { dispatchMail: false });
  const started = Date.now();
  try {
    await seedDemoIfEmpty(platform);
    const byKey = new Map();
    for (const key of LEADS) byKey.set(key, await getInstitutionByKey(platform.db, key));
    const ctx = await prepareInstructor(platform, byKey);
    const now = Date.now();
    // The embedded database takes one writer; a server takes a few at once.
    const lanes = databaseUrl ? 4 : 1;
    let next = 0;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < BENCH_COURSES) {
          const index = next;
          next += 1;
          await seedOne(ctx, courses, byKey, index, now);
        }
      }),
    );
  } finally {
    await platform.close();
  }
  console.log(`Seeded ${BENCH_COURSES} courses in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}
