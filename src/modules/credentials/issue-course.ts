/**
 * Course certificates: one OpenBadgeCredential per passed enrollment, signed by the lead
 * institution, endorsed by each partner, with both proofs and a status list entry.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import {
  computeWorkloadHours,
  getCourseById,
  getReleaseTree,
  getRunById,
  type CourseMetadata,
} from '../courses/index.ts';
import { getUserProfile } from '../identity/index.ts';
import { listInstitutionsByIds, localize } from '../institutions/index.ts';
import { addEddsaRdfc2022Proof } from './data-integrity.ts';
import { buildIssuerDid, loadIssuerSigner } from './issuer-keys.ts';
import { toIssuerProfile } from './issuer-profile.ts';
import { buildCourseCredential, buildEndorsement } from './ob3-build.ts';
import { issueEarnedProgramCredentials } from './programs.ts';
import { credCredential } from './schema.ts';
import { buildCredentialUrl, readCredentialSettings } from './settings.ts';
import { countStatusEntry, reserveStatusEntry } from './status-store.ts';
import { issueCredential } from './verify-credential.ts';

/** What a `course.passed` event carries. */
export type CoursePassFacts = {
  enrollmentUuid: string;
  userId: string;
  runId: number;
  courseId: number;
  grade: number;
  passedAt: Date;
};

export type IssueOutcome =
  | { status: 'issued'; credentialUuid: string }
  | { status: 'already_issued'; credentialUuid: string }
  | { status: 'not_granted'; reason: string };

/** ISCED-F broad fields as OB 3.0 `fieldOfStudy` text. */
const FIELD_NAMES: Record<string, string> = {
  education: 'Education',
  arts_humanities: 'Arts and humanities',
  social_sciences: 'Social sciences, journalism and information',
  business_law: 'Business, administration and law',
  natural_sciences: 'Natural sciences, mathematics and statistics',
  ict: 'Information and Communication Technologies',
  engineering: 'Engineering, manufacturing and construction',
  agriculture: 'Agriculture, forestry, fisheries and veterinary',
  health_welfare: 'Health and welfare',
  services: 'Services',
  generic: 'Generic programmes and qualifications',
};

async function findIssued(tx: Executor, enrollmentUuid: string): Promise<string | null> {
  const [row] = await tx
    .select({ uuid: credCredential.uuid })
    .from(credCredential)
    .where(eq(credCredential.enrollmentUuid, enrollmentUuid));
  return row?.uuid ?? null;
}

function describeOutcomes(metadata: CourseMetadata, language: string) {
  return metadata.outcomes.map((outcome) => ({ text: localize(outcome, language) }));
}

/**
 * Issues the certificate of one pass in the caller's transaction, or finds the one already
 * issued. Parallel calls for one enrollment wait on an advisory lock and then find it; the
 * unique index on the enrollment is the last word.
 */
export async function issueCourseCredential(tx: Executor, pass: CoursePassFacts, now: Date): Promise<IssueOutcome> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cred_course:${pass.enrollmentUuid}`}))`);
  const existing = await findIssued(tx, pass.enrollmentUuid);
  if (existing) return { status: 'already_issued', credentialUuid: existing };

  const run = await getRunById(tx, pass.runId);
  if (!run) return { status: 'not_granted', reason: 'The run no longer exists.' };
  if (run.certificatePolicy === 'none') return { status: 'not_granted', reason: 'The run grants no certificate.' };
  const course = await getCourseById(tx, pass.courseId);
  const learner = await getUserProfile(tx, pass.userId);
  if (!course || !learner) return { status: 'not_granted', reason: 'The course or the learner no longer exists.' };
  const lead = course.owners.find((owner) => owner.role === 'lead');
  if (!lead) return { status: 'not_granted', reason: 'The course has no lead institution.' };
  const institutions = await listInstitutionsByIds(
    tx,
    course.owners.map((owner) => owner.institutionId),
  );
  const leadInstitution = institutions.find((institution) => institution.id === lead.institutionId);
  if (!leadInstitution) return { status: 'not_granted', reason: 'The lead institution no longer exists.' };
  const partners = institutions.filter((institution) => institution.id !== lead.institutionId);

  const { metadata } = await getReleaseTree(tx, run.releaseId);
  const language = run.language;
  const settings = readCredentialSettings();
  const uuid = randomUUID();
  const issuerDid = buildIssuerDid(leadInstitution.key);
  const signer = await loadIssuerSigner(tx, leadInstitution, now);
  const status = await reserveStatusEntry(tx, leadInstitution.id, issuerDid, signer, now);
  const title = localize(metadata.title, language);
  const achievementId = `${settings.baseUrl}/courses/${course.key}`;
  const workloadHours = computeWorkloadHours(metadata.effort);
  const description =
    localize(metadata.shortDescription, language) || localize(metadata.description, language).slice(0, 1000) || title;
  const subject = metadata.subjects[0];

  const credential = buildCourseCredential({
    id: buildCredentialUrl(settings.baseUrl, uuid),
    issuer: toIssuerProfile(leadInstitution, language),
    learner: { id: `urn:uuid:${learner.id}`, name: learner.name },
    achievement: {
      id: achievementId,
      name: title,
      description,
      criteriaNarrative: `Passed the course run ${run.code} with a grade of at least ${Math.round(run.gradingPolicy.passMark * 100)} %, graded by the course's grading policy.`,
      criteriaUrl: achievementId,
      achievementType: 'Course',
      ...(metadata.ectsCredits !== null ? { creditsAvailable: metadata.ectsCredits } : {}),
      ...(subject ? { fieldOfStudy: FIELD_NAMES[subject] ?? subject } : {}),
      inLanguage: language,
      humanCode: `${course.key}/${run.code}`,
      learningOutcomes: describeOutcomes(metadata, language),
    },
    result: {
      name: 'Final grade',
      resultType: 'Percent',
      value: String(Math.round(pass.grade * 1000) / 10),
      status: 'Completed',
    },
    ...(metadata.ectsCredits !== null ? { creditsEarned: metadata.ectsCredits } : {}),
    ...(workloadHours !== null
      ? {
          microCredential: {
            workloadHours,
            ...(metadata.ectsCredits !== null ? { ectsCredits: metadata.ectsCredits } : {}),
            assessmentType: 'testing' as const,
            formOfParticipation: 'online' as const,
            qualityAssurance: {
              description: 'Alliance peer review of course quality',
              url: `${settings.baseUrl}/quality`,
            },
            identityVerification: 'unsupervised_no_verification' as const,
          },
        }
      : {}),
    validFrom: now,
    awardedDate: pass.passedAt,
    credentialStatus: [status.entry],
  });

  const endorsements = [];
  for (const partner of partners) {
    const endorsement = buildEndorsement({
      id: `urn:uuid:${randomUUID()}`,
      endorser: toIssuerProfile(partner, language),
      subjectId: achievementId,
      comment: `${localize(partner.name, language)} co-teaches this course and endorses this achievement.`,
      validFrom: now,
    });
    endorsements.push(await addEddsaRdfc2022Proof(endorsement, await loadIssuerSigner(tx, partner, now), now));
  }
  if (endorsements.length > 0) {
    const achievement = (credential.credentialSubject as { achievement: Record<string, unknown> }).achievement;
    achievement.endorsement = endorsements;
  }

  const issued = await issueCredential(credential, signer, now);
  const inserted = await tx
    .insert(credCredential)
    .values({
      uuid,
      kind: 'course',
      userId: learner.id,
      institutionId: leadInstitution.id,
      enrollmentUuid: pass.enrollmentUuid,
      runId: run.id,
      courseId: course.id,
      title,
      language,
      document: issued.credential,
      jwt: issued.jwt,
      statusListId: status.listId,
      statusIndex: status.index,
      issuedAt: now,
    })
    .onConflictDoNothing({ target: credCredential.enrollmentUuid, where: sql`enrollment_uuid is not null` })
    .returning({ uuid: credCredential.uuid });
  if (inserted.length === 0) {
    const winner = await findIssued(tx, pass.enrollmentUuid);
    if (winner) return { status: 'already_issued', credentialUuid: winner };
    throw new Error('The credential was neither stored nor found.');
  }
  await countStatusEntry(tx, status.listId);
  await issueEarnedProgramCredentials(tx, learner.id, now);
  return { status: 'issued', credentialUuid: uuid };
}

function readPassFacts(payload: Record<string, unknown>): CoursePassFacts | null {
  const { enrollmentUuid, userId, runId, courseId, grade, passedAt } = payload;
  if (typeof enrollmentUuid !== 'string' || typeof userId !== 'string') return null;
  if (typeof runId !== 'number' || typeof courseId !== 'number' || typeof grade !== 'number') return null;
  const passed = typeof passedAt === 'string' ? new Date(passedAt) : null;
  if (!passed || Number.isNaN(passed.getTime())) return null;
  return { enrollmentUuid, userId, runId, courseId, grade, passedAt: passed };
}

/**
 * The `course.passed` consumer: issues in the event's transaction, so the credential and the
 * event being marked done commit together, and a crash leaves the event to be retried.
 */
export async function handleCoursePassedEvent(
  tx: Executor,
  payload: Record<string, unknown>,
  now: Date,
): Promise<IssueOutcome> {
  const facts = readPassFacts(payload);
  if (!facts) return { status: 'not_granted', reason: 'The event does not describe a pass.' };
  return issueCourseCredential(tx, facts, now);
}
