import { getCourseById, getReleaseTree } from '../../../modules/courses/index.ts';
import type { Program } from '../../../modules/credentials/index.ts';
import { isPublicStatus, listInstitutionsByIds, localize } from '../../../modules/institutions/index.ts';
import type { ServiceContext } from '../../../platform/access/index.ts';
import type { T } from '../../messages/index.ts';
import { pickText, type PickedText } from '../../views/course-card.tsx';

type Db = ServiceContext['db'];

/** An awarding institution; only listed ones get a link, an unlisted profile would be a 404. */
export type AwardingInstitution = { key: string; name: string; listed: boolean };

/** What the list and a program's page show of a program, in the reader's language. */
export type ProgramSummary = {
  key: string;
  title: PickedText;
  description: PickedText | null;
  lead: AwardingInstitution | null;
  partners: AwardingInstitution[];
  courseCount: number;
  rule: Program['rule'];
  requiredCount: number;
};

export type ProgramCourse = { id: number; key: string; title: PickedText; published: boolean };

/** Every program with its institutions' names, read in one query for the whole list. */
export async function summarizePrograms(
  db: Db,
  programs: readonly Program[],
  locale: string,
): Promise<ProgramSummary[]> {
  const ids = [...new Set(programs.flatMap((program) => program.institutionIds))];
  const institutions = ids.length > 0 ? await listInstitutionsByIds(db, ids) : [];
  const byId = new Map(
    institutions.map((institution) => [
      institution.id,
      {
        key: institution.key,
        name: localize(institution.name, locale),
        listed: isPublicStatus(institution.membershipStatus),
      },
    ]),
  );
  return programs.map((program) => ({
    key: program.key,
    title: pickText(program.title, locale) ?? { text: program.key, lang: 'en' },
    description: pickText(program.description, locale),
    lead: byId.get(program.leadInstitutionId) ?? null,
    partners: program.institutionIds
      .filter((id) => id !== program.leadInstitutionId)
      .flatMap((id) => byId.get(id) ?? []),
    courseCount: program.courseIds.length,
    rule: program.rule,
    requiredCount: program.requiredCount,
  }));
}

/** The program's courses in its order, titled as their latest release presents them to learners. */
export function loadProgramCourses(db: Db, program: Program, locale: string): Promise<ProgramCourse[]> {
  return Promise.all(
    program.courseIds.map(async (id): Promise<ProgramCourse> => {
      const course = await getCourseById(db, id);
      if (!course) return { id, key: '', title: { text: '', lang: 'en' }, published: false };
      if (course.latestReleaseId === null) {
        return { id, key: course.key, title: { text: course.key, lang: 'en' }, published: false };
      }
      const { metadata } = await getReleaseTree(db, course.latestReleaseId);
      const title = pickText(metadata.title, locale) ?? { text: course.key, lang: 'en' };
      return { id, key: course.key, title, published: true };
    }),
  );
}

/** "Pass all 3 courses" or "Pass any 2 of 4 courses". */
export function describeRule(t: T, program: Pick<ProgramSummary, 'rule' | 'requiredCount' | 'courseCount'>): string {
  return program.rule === 'all'
    ? t.t('programs.rule.all', { count: program.courseCount })
    : t.t('programs.rule.anyN', { required: program.requiredCount, count: program.courseCount });
}

/** "Awarded by A" or "Awarded by A, with B and C". */
export function describeAwarders(t: T, program: Pick<ProgramSummary, 'lead' | 'partners'>): string {
  const lead = program.lead?.name ?? '';
  if (program.partners.length === 0) return t.t('programs.institutions.lead', { lead });
  const partners = new Intl.ListFormat(t.locale, { type: 'conjunction' }).format(
    program.partners.map((partner) => partner.name),
  );
  return t.t('programs.institutions.joint', { lead, partners });
}
