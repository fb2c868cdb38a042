/**
 * Programs (micro-credentials): institutions group courses under a rule (all of them, or any N);
 * a learner who holds valid certificates for enough of them receives one program credential,
 * issued once, that cites the course credentials as evidence.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hasInstitutionRole, type ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { conflict, forbidden, invalid, notFound, unauthenticated } from '../../platform/errors/index.ts';
import { getCourseByKey, getCourseById } from '../courses/index.ts';
import { listMyEnrollments } from '../enrollment/index.ts';
import { getUserProfile } from '../identity/index.ts';
import { getInstitutionByKey, listInstitutionsByIds, localize } from '../institutions/index.ts';
import { addEddsaRdfc2022Proof } from './data-integrity.ts';
import { toIssuerProfile } from './issuer-profile.ts';
import { buildIssuerDid, loadIssuerSigner } from './issuer-keys.ts';
import { buildCourseCredential, buildEndorsement } from './ob3-build.ts';
import { credCredential, credProgram, credProgramCourse, credProgramInstitution } from './schema.ts';
import { buildCredentialUrl, readCredentialSettings } from './settings.ts';
import { countStatusEntry, reserveStatusEntry } from './status-store.ts';
import { issueCredential } from './verify-credential.ts';

const localizedText = z
  .record(
    z.string().regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/, 'must be keyed by language tags'),
    z.string().trim().min(1).max(300),
  )
  .refine((value) => Object.keys(value).length > 0, 'needs a text in at least one language');

export const newProgramSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2–63 lower-case letters, digits or hyphens'),
    title: localizedText,
    description: z.record(z.string(), z.string().trim().max(5000)).default({}),
    leadInstitution: z.string().min(1, 'must name the lead institution'),
    partnerInstitutions: z.array(z.string().min(1)).max(10, 'may have at most 10 partners').default([]),
    courses: z.array(z.string().min(1)).min(1, 'needs at least one course').max(30, 'may have at most 30 courses'),
    rule: z.enum(['all', 'any_n']).default('all'),
    requiredCount: z.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
  })
  .refine((value) => value.rule === 'all' || value.requiredCount !== undefined, {
    message: 'must be given when the rule is any_n',
    path: ['requiredCount'],
  })
  .refine((value) => value.requiredCount === undefined || value.requiredCount <= value.courses.length, {
    message: 'cannot exceed the number of courses',
    path: ['requiredCount'],
  });
export type NewProgram = z.input<typeof newProgramSchema>;

export type Program = {
  id: number;
  uuid: string;
  key: string;
  title: Record<string, string>;
  description: Record<string, string>;
  leadInstitutionId: number;
  institutionIds: number[];
  courseIds: number[];
  rule: 'all' | 'any_n';
  requiredCount: number;
  createdAt: Date;
};

function describeProblems(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'program'}: ${issue.message}`).join('; ');
}

/**
 * Defines a program. The actor administers the lead institution; every course must be owned
 * (led or partnered) by one of the program's institutions, so no one awards another's course.
 */
export async function createProgram(ctx: ServiceContext, input: unknown): Promise<Program> {
  if (!ctx.actor) throw unauthenticated();
  const parsed = newProgramSchema.safeParse(input);
  if (!parsed.success) throw invalid('program.invalid', describeProblems(parsed.error));
  const data = parsed.data;
  const lead = await getInstitutionByKey(ctx.db, data.leadInstitution);
  if (!lead) throw invalid('program.invalid', `leadInstitution: there is no institution "${data.leadInstitution}"`);
  if (!hasInstitutionRole(ctx.actor, lead.id, 'admin') && !hasInstitutionRole(ctx.actor, lead.id, 'registrar')) {
    throw forbidden('Only the lead institution’s admins and registrars define its programs.');
  }
  const partners = [];
  for (const key of new Set(data.partnerInstitutions.filter((partner) => partner !== lead.key))) {
    const partner = await getInstitutionByKey(ctx.db, key);
    if (!partner) throw invalid('program.invalid', `partnerInstitutions: there is no institution "${key}"`);
    partners.push(partner);
  }
  const institutionIds = new Set([lead.id, ...partners.map((partner) => partner.id)]);
  const courseIds: number[] = [];
  for (const key of new Set(data.courses)) {
    const course = await getCourseByKey(ctx.db, key);
    if (!course || course.latestReleaseId === null)
      throw invalid('program.invalid', `courses: there is no published course "${key}"`);
    if (!course.owners.some((owner) => institutionIds.has(owner.institutionId))) {
      throw invalid('program.invalid', `courses: "${key}" is not a course of the program's institutions`);
    }
    courseIds.push(course.id);
  }
  const requiredCount = data.rule === 'all' ? courseIds.length : Math.min(data.requiredCount ?? 1, courseIds.length);
  const now = ctx.clock.now();
  const actorId = ctx.actor.userId;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(credProgram)
      .values({
        key: data.key,
        leadInstitutionId: lead.id,
        title: data.title,
        description: data.description,
        rule: data.rule,
        requiredCount,
        createdBy: actorId,
        createdAt: now,
      })
      .onConflictDoNothing({ target: credProgram.key })
      .returning();
    if (!row) throw conflict('program.key_taken', `There is already a program "${data.key}".`);
    await tx
      .insert(credProgramInstitution)
      .values([...institutionIds].map((institutionId) => ({ programId: row.id, institutionId })));
    await tx
      .insert(credProgramCourse)
      .values(courseIds.map((courseId, position) => ({ programId: row.id, courseId, position })));
    await recordAudit(tx, {
      actorId,
      action: 'credentials.program.created',
      objectType: 'program',
      objectId: row.key,
      institutionId: lead.id,
      after: { courses: data.courses, rule: data.rule, requiredCount },
      at: now,
    });
    return { ...toProgram(row), institutionIds: [...institutionIds], courseIds };
  });
}

function toProgram(row: typeof credProgram.$inferSelect): Omit<Program, 'institutionIds' | 'courseIds'> {
  return {
    id: row.id,
    uuid: row.uuid,
    key: row.key,
    title: row.title,
    description: row.description,
    leadInstitutionId: row.leadInstitutionId,
    rule: row.rule,
    requiredCount: row.requiredCount,
    createdAt: row.createdAt,
  };
}

async function loadPrograms(executor: Executor, ids: readonly number[] | null): Promise<Program[]> {
  const rows = await executor
    .select()
    .from(credProgram)
    .where(ids === null ? undefined : inArray(credProgram.id, [...ids]))
    .orderBy(asc(credProgram.key));
  if (rows.length === 0) return [];
  const programIds = rows.map((row) => row.id);
  const [institutions, courses] = await Promise.all([
    executor.select().from(credProgramInstitution).where(inArray(credProgramInstitution.programId, programIds)),
    executor
      .select()
      .from(credProgramCourse)
      .where(inArray(credProgramCourse.programId, programIds))
      .orderBy(asc(credProgramCourse.position)),
  ]);
  return rows.map((row) => ({
    ...toProgram(row),
    institutionIds: institutions.filter((link) => link.programId === row.id).map((link) => link.institutionId),
    courseIds: courses.filter((link) => link.programId === row.id).map((link) => link.courseId),
  }));
}

export async function getProgramByKey(executor: Executor, key: string): Promise<Program | null> {
  const [row] = await executor.select({ id: credProgram.id }).from(credProgram).where(eq(credProgram.key, key));
  if (!row) return null;
  return (await loadPrograms(executor, [row.id]))[0] ?? null;
}

/** Every program, by key: programs are public, like the catalog. */
export function listPrograms(executor: Executor): Promise<Program[]> {
  return loadPrograms(executor, null);
}

type HeldCourseCredential = { uuid: string; courseId: number; title: string };

async function listValidCourseCredentials(executor: Executor, userId: string): Promise<HeldCourseCredential[]> {
  const rows = await executor
    .select({ uuid: credCredential.uuid, courseId: credCredential.courseId, title: credCredential.title })
    .from(credCredential)
    .where(and(eq(credCredential.userId, userId), eq(credCredential.kind, 'course'), isNull(credCredential.revokedAt)));
  return rows.flatMap((row) =>
    row.courseId === null ? [] : [{ uuid: row.uuid, courseId: row.courseId, title: row.title }],
  );
}

export type ProgramCourseProgress = {
  courseId: number;
  courseKey: string;
  title: string;
  status: 'passed' | 'enrolled' | 'not_started';
  credentialUuid: string | null;
};

export type ProgramProgress = {
  program: Program;
  courses: ProgramCourseProgress[];
  passed: number;
  required: number;
  complete: boolean;
  credentialUuid: string | null;
};

/** The signed-in learner's way through a program; not_found for an unknown program. */
export async function getProgramProgress(ctx: ServiceContext, programKey: string): Promise<ProgramProgress> {
  if (!ctx.actor) throw unauthenticated();
  const program = await getProgramByKey(ctx.db, programKey);
  if (!program) throw notFound('program');
  const [held, enrollments, issued] = await Promise.all([
    listValidCourseCredentials(ctx.db, ctx.actor.userId),
    listMyEnrollments(ctx, { status: 'active' }),
    findProgramCredential(ctx.db, ctx.actor.userId, program.id),
  ]);
  const courses: ProgramCourseProgress[] = [];
  for (const courseId of program.courseIds) {
    const course = await getCourseById(ctx.db, courseId);
    const credential = held.find((entry) => entry.courseId === courseId);
    const enrolled = enrollments.some((entry) => entry.course.id === courseId);
    courses.push({
      courseId,
      courseKey: course?.key ?? '',
      title: credential?.title ?? course?.key ?? '',
      status: credential ? 'passed' : enrolled ? 'enrolled' : 'not_started',
      credentialUuid: credential?.uuid ?? null,
    });
  }
  const passed = courses.filter((course) => course.status === 'passed').length;
  return {
    program,
    courses,
    passed,
    required: program.requiredCount,
    complete: passed >= program.requiredCount,
    credentialUuid: issued,
  };
}

async function findProgramCredential(executor: Executor, userId: string, programId: number): Promise<string | null> {
  const [row] = await executor
    .select({ uuid: credCredential.uuid })
    .from(credCredential)
    .where(and(eq(credCredential.userId, userId), eq(credCredential.programId, programId)));
  return row?.uuid ?? null;
}

/**
 * Issues the program credentials a learner has now earned, in the caller's transaction (the
 * one issuing a course certificate, or a learner's request). One per learner and program.
 */
export async function issueEarnedProgramCredentials(tx: Executor, userId: string, now: Date): Promise<string[]> {
  const held = await listValidCourseCredentials(tx, userId);
  if (held.length === 0) return [];
  const links = await tx
    .select({ programId: credProgramCourse.programId })
    .from(credProgramCourse)
    .where(inArray(credProgramCourse.courseId, [...new Set(held.map((entry) => entry.courseId))]));
  const programs = await loadPrograms(tx, [...new Set(links.map((link) => link.programId))]);
  const issued: string[] = [];
  for (const program of programs) {
    const counted = held.filter((entry) => program.courseIds.includes(entry.courseId));
    const distinctCourses = new Set(counted.map((entry) => entry.courseId));
    if (distinctCourses.size < program.requiredCount) continue;
    const uuid = await issueProgramCredential(tx, program, userId, counted, now);
    if (uuid) issued.push(uuid);
  }
  return issued;
}

async function issueProgramCredential(
  tx: Executor,
  program: Program,
  userId: string,
  evidence: HeldCourseCredential[],
  now: Date,
): Promise<string | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cred_program:${program.id}:${userId}`}))`);
  if (await findProgramCredential(tx, userId, program.id)) return null;
  const learner = await getUserProfile(tx, userId);
  const institutions = await listInstitutionsByIds(tx, program.institutionIds);
  const lead = institutions.find((institution) => institution.id === program.leadInstitutionId);
  if (!learner || !lead) return null;
  const settings = readCredentialSettings();
  const language = learner.locale ?? 'en';
  const uuid = randomUUID();
  const signer = await loadIssuerSigner(tx, lead, now);
  const issuerDid = buildIssuerDid(lead.key);
  const status = await reserveStatusEntry(tx, lead.id, issuerDid, signer, now);
  const title = localize(program.title, language);
  const achievementId = `${settings.baseUrl}/programs/${program.key}`;
  const credential = buildCourseCredential({
    id: buildCredentialUrl(settings.baseUrl, uuid),
    issuer: toIssuerProfile(lead, language),
    learner: { id: `urn:uuid:${learner.id}`, name: learner.name },
    achievement: {
      id: achievementId,
      name: title,
      description: localize(program.description, language) || title,
      criteriaNarrative:
        program.rule === 'all'
          ? `Passed every one of the program's ${program.courseIds.length} courses.`
          : `Passed ${program.requiredCount} of the program's ${program.courseIds.length} courses.`,
      criteriaUrl: achievementId,
      achievementType: 'MicroCredential',
      humanCode: program.key,
    },
    validFrom: now,
    credentialStatus: [status.entry],
  });
  credential.evidence = evidence.map((entry) => ({
    id: buildCredentialUrl(settings.baseUrl, entry.uuid),
    type: ['Evidence'],
    name: entry.title,
    description: 'Course certificate counted toward this program.',
  }));
  const endorsements = [];
  for (const partner of institutions.filter((institution) => institution.id !== lead.id)) {
    const endorsement = buildEndorsement({
      id: `urn:uuid:${randomUUID()}`,
      endorser: toIssuerProfile(partner, language),
      subjectId: achievementId,
      comment: `${localize(partner.name, language)} awards this program together with ${localize(lead.name, language)}.`,
      validFrom: now,
    });
    endorsements.push(await addEddsaRdfc2022Proof(endorsement, await loadIssuerSigner(tx, partner, now), now));
  }
  if (endorsements.length > 0) {
    (credential.credentialSubject as { achievement: Record<string, unknown> }).achievement.endorsement = endorsements;
  }
  const signed = await issueCredential(credential, signer, now);
  await tx.insert(credCredential).values({
    uuid,
    kind: 'program',
    userId,
    institutionId: lead.id,
    programId: program.id,
    title,
    language,
    document: signed.credential,
    jwt: signed.jwt,
    statusListId: status.listId,
    statusIndex: status.index,
    issuedAt: now,
  });
  await countStatusEntry(tx, status.listId);
  return uuid;
}

/**
 * Issues the learner's program credential when they have earned it but it was not issued yet
 * (the program was defined after their last course certificate). Returns its id, or null
 * while the program is not complete.
 */
export async function claimProgramCredential(ctx: ServiceContext, programKey: string): Promise<string | null> {
  const progress = await getProgramProgress(ctx, programKey);
  if (progress.credentialUuid) return progress.credentialUuid;
  if (!progress.complete || !ctx.actor) return null;
  const userId = ctx.actor.userId;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await issueEarnedProgramCredentials(tx, userId, now);
    return findProgramCredential(tx, userId, progress.program.id);
  });
}
