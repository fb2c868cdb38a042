// Catalog search latency: seeds 1,000 multilingual course documents and times the search itself
// (searchCatalogUncached: no answer cache) for a mix of queries (plain, misspelt, Chinese, Arabic,
// French, with facets, sorted). Measurements, not tests: it prints percentiles and never fails on a figure.
// Usage: node bench/catalog.mjs                      (PGlite in memory)
//        DATABASE_URL=postgres://…/orbis_bench_catalog node bench/catalog.mjs
// The database named by DATABASE_URL is migrated, and the seeded entries are removed at the end
// (BENCH_KEEP=1 leaves them, to look at query plans). BENCH_COURSES and BENCH_ROUNDS change the sizes.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { clearTimeout } from 'node:timers';
import { tsImport } from 'tsx/esm/api';
import { envNumber, formatTable, startWatchdog } from './lib.mjs';

const COURSES = envNumber('BENCH_COURSES', 1000);
const ROUNDS = envNumber('BENCH_ROUNDS', 40);
const FIRST_ID = 900_000_000;
const NOW = new Date('2026-06-01T00:00:00Z');

const watchdog = startWatchdog(envNumber('BENCH_TIMEOUT', 600), 'bench/catalog');
const { applyMigrations, openDatabase } = await tsImport('../src/platform/db/index.ts', import.meta.url);
const catalog = await tsImport('../src/modules/catalog/index.ts', import.meta.url);

// Topics in several languages; titles are built from a topic and a framing.
const TOPICS = [
  {
    subject: 'natural_sciences',
    en: 'Climate Change',
    fr: 'Changement climatique',
    es: 'Cambio climático',
    zh: '气候变化',
    ar: 'تغير المناخ',
    skill: 'Climate modelling',
  },
  {
    subject: 'natural_sciences',
    en: 'Sustainable Development',
    fr: 'Développement durable',
    es: 'Desarrollo sostenible',
    zh: '可持续发展',
    ar: 'التنمية المستدامة',
    skill: 'Sustainability assessment',
  },
  {
    subject: 'ict',
    en: 'Machine Learning',
    fr: 'Apprentissage automatique',
    es: 'Aprendizaje automático',
    zh: '机器学习',
    ar: 'تعلم الآلة',
    skill: 'Machine learning',
  },
  {
    subject: 'ict',
    en: 'Data Science',
    fr: 'Science des données',
    es: 'Ciencia de datos',
    zh: '数据科学',
    ar: 'علم البيانات',
    skill: 'Data analysis',
  },
  {
    subject: 'ict',
    en: 'Cybersecurity',
    fr: 'Cybersécurité',
    es: 'Ciberseguridad',
    zh: '网络安全',
    ar: 'الأمن السيبراني',
    skill: 'Network security',
  },
  {
    subject: 'health_welfare',
    en: 'Public Health',
    fr: 'Santé publique',
    es: 'Salud pública',
    zh: '公共卫生',
    ar: 'الصحة العامة',
    skill: 'Epidemiology',
  },
  {
    subject: 'health_welfare',
    en: 'Global Nutrition',
    fr: 'Nutrition mondiale',
    es: 'Nutrición global',
    zh: '全球营养',
    ar: 'التغذية العالمية',
    skill: 'Dietetics',
  },
  {
    subject: 'business_law',
    en: 'Entrepreneurship',
    fr: 'Entrepreneuriat',
    es: 'Emprendimiento',
    zh: '创业学',
    ar: 'ريادة الأعمال',
    skill: 'Business planning',
  },
  {
    subject: 'business_law',
    en: 'International Law',
    fr: 'Droit international',
    es: 'Derecho internacional',
    zh: '国际法',
    ar: 'القانون الدولي',
    skill: 'Legal research',
  },
  {
    subject: 'social_sciences',
    en: 'Urban Sociology',
    fr: 'Sociologie urbaine',
    es: 'Sociología urbana',
    zh: '城市社会学',
    ar: 'علم الاجتماع الحضري',
    skill: 'Qualitative research',
  },
  {
    subject: 'arts_humanities',
    en: 'Modern Poetry',
    fr: 'Poésie moderne',
    es: 'Poesía moderna',
    zh: '现代诗歌',
    ar: 'الشعر الحديث',
    skill: 'Literary analysis',
  },
  {
    subject: 'arts_humanities',
    en: 'World History',
    fr: 'Histoire mondiale',
    es: 'Historia mundial',
    zh: '世界历史',
    ar: 'تاريخ العالم',
    skill: 'Historical analysis',
  },
  {
    subject: 'engineering',
    en: 'Renewable Energy',
    fr: 'Énergies renouvelables',
    es: 'Energías renovables',
    zh: '可再生能源',
    ar: 'الطاقة المتجددة',
    skill: 'Solar engineering',
  },
  {
    subject: 'engineering',
    en: 'Robotics',
    fr: 'Robotique',
    es: 'Robótica',
    zh: '机器人学',
    ar: 'الروبوتات',
    skill: 'Control systems',
  },
  {
    subject: 'agriculture',
    en: 'Food Security',
    fr: 'Sécurité alimentaire',
    es: 'Seguridad alimentaria',
    zh: '粮食安全',
    ar: 'الأمن الغذائي',
    skill: 'Crop management',
  },
  {
    subject: 'education',
    en: 'Teaching Online',
    fr: 'Enseigner en ligne',
    es: 'Enseñar en línea',
    zh: '在线教学',
    ar: 'التدريس عبر الإنترنت',
    skill: 'Instructional design',
  },
];
const FRAMINGS = [
  { en: 'Introduction to %', fr: 'Introduction à %', es: 'Introducción a %', zh: '%导论', ar: 'مقدمة في %' },
  { en: 'Advanced %', fr: '% avancé', es: '% avanzado', zh: '高级%', ar: '% المتقدم' },
  { en: '% in Practice', fr: '% en pratique', es: '% en la práctica', zh: '%实践', ar: '% في الممارسة' },
  {
    en: '% for Policy Makers',
    fr: '% pour les décideurs',
    es: '% para responsables políticos',
    zh: '面向决策者的%',
    ar: '% لصناع القرار',
  },
  { en: 'Foundations of %', fr: 'Fondements de %', es: 'Fundamentos de %', zh: '%基础', ar: 'أسس %' },
];
const LANGUAGE_SETS = [['en'], ['en', 'fr'], ['fr'], ['es'], ['en', 'zh-Hans'], ['zh-Hans'], ['ar'], ['ar', 'en']];
const INSTITUTIONS = [
  ['nairobi', 'University of Nairobi', 'KE'],
  ['tsinghua', 'Tsinghua University', 'CN'],
  ['sorbonne', 'Sorbonne Université', 'FR'],
  ['unam', 'Universidad Nacional Autónoma de México', 'MX'],
  ['cairo', 'Cairo University', 'EG'],
  ['xuetangx', 'XuetangX', 'CN'],
  ['epfl', 'EPFL', 'CH'],
  ['uct', 'University of Cape Town', 'ZA'],
  ['iitb', 'IIT Bombay', 'IN'],
  ['usp', 'Universidade de São Paulo', 'BR'],
];
const LEVELS = ['introductory', 'intermediate', 'advanced'];
const DAY = 86_400_000;

function pick(list, index) {
  return list[index % list.length];
}

function describe(topic, index) {
  const en = `This course explores ${topic.en.toLowerCase()} through case studies from every continent. Learners analyse data, discuss policy options and complete a project with peers. Week ${1 + (index % 12)} focuses on methods; later weeks apply them to real problems faced by cities, governments and communities.`;
  const fr = `Ce cours explore ${topic.fr.toLowerCase()} à travers des études de cas. Les étudiants analysent des données et réalisent un projet en équipe.`;
  const zh = `本课程通过案例研究探讨${topic.zh}，学习者分析数据并与同伴完成项目。`;
  const ar = `تستكشف هذه الدورة ${topic.ar} من خلال دراسات حالة من جميع القارات.`;
  return { en, fr, 'zh-Hans': zh, ar };
}

function buildRuns(index) {
  const shift = ((index * 37) % 240) - 120;
  const start = new Date(NOW.getTime() + shift * DAY);
  const scheduled = {
    code: `R${index}`,
    pacing: 'scheduled',
    startsAt: start,
    endsAt: new Date(start.getTime() + 60 * DAY),
    enrollmentOpensAt: new Date(start.getTime() - 30 * DAY),
    enrollmentClosesAt: new Date(start.getTime() + 14 * DAY),
    certificatePolicy: index % 3 === 0 ? 'none' : 'free_on_pass',
    language: 'en',
  };
  if (index % 4 !== 0) return [scheduled];
  const selfPaced = {
    ...scheduled,
    code: `S${index}`,
    pacing: 'self_paced',
    startsAt: null,
    endsAt: null,
    enrollmentOpensAt: null,
    enrollmentClosesAt: null,
  };
  return [scheduled, selfPaced];
}

function buildDocument(index) {
  const topic = pick(TOPICS, index);
  const framing = pick(FRAMINGS, Math.floor(index / TOPICS.length));
  const languages = pick(LANGUAGE_SETS, index * 7);
  const codes = { en: 'en', fr: 'fr', es: 'es', zh: 'zh-Hans', ar: 'ar' };
  const titles = Object.fromEntries(
    Object.entries(codes).map(([field, tag]) => [
      tag,
      `${framing[field].replace('%', topic[field])} ${index % 97 === 0 ? '' : `(${index})`}`.trim(),
    ]),
  );
  const lead = pick(INSTITUTIONS, index);
  const owners = [
    {
      institutionId: 1 + (index % INSTITUTIONS.length),
      key: lead[0],
      name: { en: lead[1] },
      country: lead[2],
      role: 'lead',
    },
  ];
  if (index % 5 === 0) {
    const partner = pick(INSTITUTIONS, index + 3);
    owners.push({
      institutionId: 1 + ((index + 3) % INSTITUTIONS.length),
      key: partner[0],
      name: { en: partner[1] },
      country: partner[2],
      role: 'partner',
    });
  }
  return {
    courseId: FIRST_ID + index,
    courseUuid: randomUUID(),
    key: `bench-${index}`,
    titles,
    shortDescriptions: {
      en: `Learn ${topic.en.toLowerCase()} with practitioners.`,
      fr: `Apprenez ${topic.fr.toLowerCase()}.`,
    },
    descriptions: describe(topic, index),
    outcomes: [{ en: `Explain the main ideas of ${topic.en.toLowerCase()}` }, { en: 'Apply methods to a real case' }],
    skills: [{ name: { en: topic.skill } }, { name: { en: pick(TOPICS, index + 5).skill } }],
    subjects: [topic.subject],
    level: pick(LEVELS, index),
    languages,
    owners,
    runs: buildRuns(index),
    imageUrl: null,
    workloadHours: 10 + (index % 50),
    ectsCredits: index % 2 === 0 ? 2 : null,
    licence: 'CC-BY-4.0',
    publishedAt: new Date(NOW.getTime() - (index % 700) * DAY),
  };
}

const QUERIES = [
  ['plain: climate change', { q: 'climate change' }],
  ['plain: machine learning', { q: 'machine learning' }],
  ['plain: public health', { q: 'public health', sort: 'newest' }],
  ['french: éducation santé', { q: 'santé publique' }],
  ['arabic: المناخ', { q: 'المناخ' }],
  ['misspelt: climat chnage', { q: 'climat chnage' }],
  ['misspelt: sustainible', { q: 'sustainible' }],
  ['misspelt: machin lerning', { q: 'machin lerning' }],
  ['chinese: 气候', { q: '气候' }],
  ['chinese: 机器学习导论', { q: '机器学习导论' }],
  ['facets: ict, open now', { subjects: ['ict'], availability: ['open_now'] }],
  ['facets: q + fr + certificate', { q: 'data', languages: ['fr'], certificate: true }],
  ['browse: starting soon', { sort: 'starting_soon' }],
  ['browse: page 10', { page: 10, pageSize: 20 }],
];

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return [50, 95, 99].map((p) => percentile(sorted, p / 100).toFixed(2)).concat(sorted.at(-1).toFixed(2));
}

const CLOCK_TICKS_PER_MS = 100 / 1000;

/** CPU time of a local PostgreSQL backend, from /proc; null when the server is elsewhere. */
function readBackendCpu(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_MS;
  } catch {
    return null;
  }
}

function readOwnCpu() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

const url = process.env.DATABASE_URL;
// One connection, so that the server's CPU time for the searches can be read from its backend.
const handle = url
  ? await openDatabase({ kind: 'postgres', url, poolSize: 1 })
  : await openDatabase({ kind: 'pglite', dataDir: null });
try {
  await applyMigrations(handle);
  const seedStart = performance.now();
  for (let index = 0; index < COURSES; index += 1) await catalog.upsertCatalogEntry(handle.db, buildDocument(index));
  await handle.execute('analyze cat_entry');
  const seedSeconds = ((performance.now() - seedStart) / 1000).toFixed(1);
  const pidResult = await handle.db.execute('select pg_backend_pid() as pid');
  const backendPid = url ? pidResult.rows[0].pid : null;
  const readCpu = () => readOwnCpu() + (backendPid ? (readBackendCpu(backendPid) ?? 0) : 0);
  console.log(
    `catalog bench on ${url ? 'PostgreSQL' : 'PGlite'}: ${COURSES} courses seeded in ${seedSeconds} s, ` +
      `${ROUNDS} rounds, load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
  );

  for (const [, query] of QUERIES) await catalog.searchCatalogUncached(handle.db, { now: NOW, ...query });
  const rows = [];
  const all = [];
  for (const [label, query] of QUERIES) {
    const samples = [];
    let total = 0;
    const cpuBefore = readCpu();
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = performance.now();
      const page = await catalog.searchCatalogUncached(handle.db, { now: NOW, ...query });
      samples.push(performance.now() - started);
      total = page.total;
    }
    const cpuPerSearch = (readCpu() - cpuBefore) / ROUNDS;
    all.push(...samples);
    rows.push([label, total, ...summarize(samples), cpuPerSearch.toFixed(1)]);
  }
  rows.push(['all queries', '', ...summarize(all), '']);
  console.log(formatTable(['query', 'total', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'cpu ms'], rows));
  console.log('cpu ms: client and database CPU time per search, steadier than latency on a busy machine.');
} finally {
  if (!process.env.BENCH_KEEP) await handle.execute(`delete from cat_entry where course_id >= ${FIRST_ID}`);
  await handle.close();
  clearTimeout(watchdog);
}
