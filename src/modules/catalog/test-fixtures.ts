import { randomUUID } from 'node:crypto';
import type { CatalogDocument, CatalogOwnerInput, CatalogRunInput } from './validation.ts';

/** The instant every catalog test searches at. */
export const NOW = new Date('2026-06-01T00:00:00Z');

const INSTITUTIONS = {
  nairobi: { institutionId: 1, name: { en: 'University of Nairobi' }, country: 'KE' },
  tsinghua: { institutionId: 2, name: { en: 'Tsinghua University', 'zh-Hans': '清华大学' }, country: 'CN' },
  sorbonne: { institutionId: 3, name: { en: 'Sorbonne University', fr: 'Sorbonne Université' }, country: 'FR' },
  xuetangx: { institutionId: 4, name: { en: 'XuetangX', 'zh-Hans': '学堂在线' }, country: 'CN' },
  cairo: { institutionId: 5, name: { en: 'Cairo University', ar: 'جامعة القاهرة' }, country: 'EG' },
  unam: { institutionId: 6, name: { en: 'UNAM', es: 'Universidad Nacional Autónoma de México' }, country: 'MX' },
} as const;

export function owner(key: keyof typeof INSTITUTIONS, role: 'lead' | 'partner' = 'lead'): CatalogOwnerInput {
  return { ...INSTITUTIONS[key], key, role };
}

export function run(overrides: Partial<CatalogRunInput> = {}): CatalogRunInput {
  return {
    code: '2026-T1',
    pacing: 'scheduled',
    startsAt: null,
    endsAt: null,
    enrollmentOpensAt: null,
    enrollmentClosesAt: null,
    certificatePolicy: 'none',
    language: 'en',
    ...overrides,
  };
}

let nextCourseId = 1000;

export function buildDocument(overrides: Partial<CatalogDocument> = {}): CatalogDocument {
  nextCourseId += 1;
  return {
    courseId: nextCourseId,
    courseUuid: randomUUID(),
    key: `course-${nextCourseId}`,
    titles: { en: `Course ${nextCourseId}` },
    level: 'introductory',
    languages: ['en'],
    owners: [owner('nairobi')],
    runs: [],
    publishedAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

/** Five courses in five languages whose facets and dates the tests count by hand. */
export function buildSampleCatalog(): CatalogDocument[] {
  return [
    buildDocument({
      key: 'climate-change',
      titles: {
        en: 'Climate Change and Sustainable Development',
        fr: 'Changement climatique et développement durable',
        'zh-Hans': '气候变化与可持续发展',
        ar: 'تغير المناخ والتنمية المستدامة',
      },
      shortDescriptions: { en: 'How the climate works and what we can do.' },
      subjects: ['natural_sciences'],
      languages: ['en', 'fr'],
      owners: [owner('tsinghua', 'partner'), owner('nairobi', 'lead')],
      skills: [
        { name: { en: 'Climate modelling' } },
        { name: { en: 'Sustainability assessment', fr: 'Évaluation de la durabilité' } },
      ],
      runs: [
        run({
          startsAt: new Date('2026-06-10T00:00:00Z'),
          endsAt: new Date('2026-08-10T00:00:00Z'),
          enrollmentOpensAt: new Date('2026-05-01T00:00:00Z'),
          enrollmentClosesAt: new Date('2026-06-15T00:00:00Z'),
          certificatePolicy: 'free_on_pass',
        }),
      ],
      publishedAt: new Date('2026-01-10T00:00:00Z'),
    }),
    buildDocument({
      key: 'sante-publique',
      titles: { fr: 'Éducation à la santé publique', en: 'Public Health Education' },
      descriptions: { fr: 'Les élèves étudient la prévention et les systèmes de santé.' },
      subjects: ['health_welfare'],
      level: 'intermediate',
      languages: ['fr'],
      owners: [owner('sorbonne')],
      skills: [{ name: { en: 'Epidemiology', fr: 'Épidémiologie' } }],
      runs: [run({ code: 'self', pacing: 'self_paced', language: 'fr' })],
      publishedAt: new Date('2026-02-01T00:00:00Z'),
    }),
    buildDocument({
      key: 'machine-learning',
      titles: { en: 'Introduction to Machine Learning', 'zh-Hans': '机器学习导论', ja: '機械学習入門' },
      subjects: ['ict'],
      level: 'advanced',
      languages: ['en', 'zh-Hans'],
      owners: [owner('tsinghua'), owner('xuetangx', 'partner')],
      skills: [{ name: { en: 'Machine learning', 'zh-Hans': '机器学习' } }, { name: { en: 'Python programming' } }],
      runs: [
        run({
          startsAt: new Date('2026-09-01T00:00:00Z'),
          endsAt: new Date('2026-12-01T00:00:00Z'),
          enrollmentOpensAt: new Date('2026-07-01T00:00:00Z'),
          certificatePolicy: 'free_on_pass',
          language: 'zh-Hans',
        }),
      ],
      publishedAt: new Date('2026-03-01T00:00:00Z'),
    }),
    buildDocument({
      key: 'arabic-poetry',
      titles: { ar: 'الشعر العربي الحديث', en: 'Modern Arabic Poetry' },
      descriptions: { en: 'Poems about the desert, the sea and the changing climate.' },
      subjects: ['arts_humanities'],
      languages: ['ar'],
      owners: [owner('cairo')],
      runs: [
        run({
          startsAt: new Date('2026-01-01T00:00:00Z'),
          endsAt: new Date('2026-04-01T00:00:00Z'),
          language: 'ar',
        }),
      ],
      publishedAt: new Date('2025-12-01T00:00:00Z'),
    }),
    buildDocument({
      key: 'ciencia-datos',
      titles: { es: 'Ciencia de datos para todos', en: 'Data Science for Everyone' },
      subjects: ['ict'],
      languages: ['es'],
      owners: [owner('unam')],
      runs: [
        run({ code: 'self', pacing: 'self_paced', certificatePolicy: 'free_on_pass', language: 'es' }),
        run({
          code: '2026-T2',
          startsAt: new Date('2026-06-20T00:00:00Z'),
          endsAt: new Date('2026-08-30T00:00:00Z'),
          enrollmentOpensAt: new Date('2026-05-15T00:00:00Z'),
          language: 'es',
        }),
      ],
      publishedAt: new Date('2026-04-01T00:00:00Z'),
    }),
  ];
}
