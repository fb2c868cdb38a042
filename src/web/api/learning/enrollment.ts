import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  courseKeySchema,
  getCourseAccess,
  getReleaseTree,
  runCodeSchema,
  type CourseCapability,
} from '../../../modules/courses/index.ts';
import {
  ENROLLMENT_MODES,
  ENROLLMENT_SOURCES,
  ENROLLMENT_STATUSES,
  MAX_BULK_EMAILS,
  bulkEnroll,
  enrollSelf,
  leaveRun,
  listMyEnrollments,
  requirePublicRun,
  type Enrollment,
  type MyEnrollment,
} from '../../../modules/enrollment/index.ts';
import { forbidden } from '../../../platform/errors/index.ts';
import { localizedTextOutput, presentRun, runSchema } from '../courses/schemas.ts';
import { requireSignedIn, requireViewer, serviceContextOf } from '../guards.ts';
import { SIGNED_IN, problemResponses } from '../schemas.ts';

const TAGS = ['Enrollment'];
const common = { tags: TAGS, security: SIGNED_IN };
/** 100,000 addresses of a usual length fit well inside; the default 1 MiB does not. */
const BULK_BODY_LIMIT = 16 * 1024 * 1024;

const instant = z.iso.datetime();

const runParamsSchema = z.strictObject({
  courseKey: courseKeySchema.describe('The course’s key, such as climate-data-101.'),
  runCode: runCodeSchema.describe('The run’s code, such as 2027-T1.'),
});

/** The run named in the path, when both parts are well formed; malformed ones are left to validation (400). */
function runAddressOf(request: FastifyRequest): { courseKey: string; runCode: string } | null {
  const parsed = runParamsSchema.safeParse(request.params);
  return parsed.success ? parsed.data : null;
}

/**
 * Route hook of the learner's own operations: 401 for nobody and 404 for a run that is not
 * published, before any body is read. The services check again.
 */
async function requireKnownRun(request: FastifyRequest): Promise<void> {
  requireViewer(request);
  const address = runAddressOf(request);
  if (address) await requirePublicRun(request.server.platform.db, address.courseKey, address.runCode);
}

/** Route hook of staff operations: 401, 404 for a course the caller cannot see, 403 without `capability`. */
function requireRunCapability(capability: CourseCapability) {
  return async function checkRunCapability(request: FastifyRequest): Promise<void> {
    requireViewer(request);
    const address = runAddressOf(request);
    if (!address) return;
    const { capabilities } = await getCourseAccess(serviceContextOf(request), address.courseKey);
    if (!capabilities.has(capability)) {
      throw forbidden('You are not on this course’s team, or your role does not allow this.');
    }
  };
}

const enrollmentSchema = z
  .object({
    uuid: z.uuid().describe('The enrollment’s id; also the xAPI registration of everything done in the run.'),
    course: z.object({ key: z.string(), uuid: z.uuid() }),
    run: z.object({ code: z.string(), uuid: z.uuid() }),
    mode: z.enum(ENROLLMENT_MODES).describe('audit: free, without a verified certificate.'),
    status: z.enum(ENROLLMENT_STATUSES),
    source: z.enum(ENROLLMENT_SOURCES).describe('self: the learner enrolled; staff: the course staff did.'),
    enrolledAt: instant.describe('The first enrollment; enrolling again after leaving keeps it.'),
    unenrolledAt: instant.nullable().describe('When the learner last left; null while enrolled.'),
  })
  .meta({ id: 'Enrollment' })
  .describe('A person’s place in one run of a course.');

const myEnrollmentSchema = z
  .object({
    enrollment: enrollmentSchema,
    title: localizedTextOutput.describe('The course title in the release the run serves.'),
    run: runSchema,
  })
  .describe('One of your enrollments with its run.');

const listQuerySchema = z.strictObject({
  status: z
    .enum(['active', 'unenrolled', 'all'], 'must be active, unenrolled or all')
    .default('active')
    .describe('Which enrollments to list: current ones (the default), those you left, or all.'),
});

const email = z.string().max(320, 'must be at most 320 characters');
const bulkBodySchema = z
  .strictObject({
    emails: z
      .array(email, 'must be a list of e-mail addresses')
      .min(1, 'must hold at least one address')
      .max(MAX_BULK_EMAILS, `must hold at most ${MAX_BULK_EMAILS} addresses`)
      .describe('Addresses of people who have an account; case, spaces and repeats do not matter.'),
  })
  .describe('The people to enroll.');

const bulkReportSchema = z
  .object({
    received: z.number().int().describe('Entries received, repeats included.'),
    distinct: z.number().int().describe('Distinct entries after trimming and lower-casing.'),
    enrolled: z.number().int().describe('Enrolled now, including people who had left and are back.'),
    alreadyEnrolled: z.number().int(),
    failures: z
      .array(
        z.object({
          email: z.string(),
          reason: z
            .enum(['invalid_email', 'no_account', 'run_full'])
            .describe('invalid_email: not an address; no_account: nobody has it; run_full: no seat was left.'),
        }),
      )
      .describe('Every entry that was not enrolled, in the order given.'),
  })
  .describe('What happened to each address.');

type Named = { course: { key: string; uuid: string }; run: { code: string; uuid: string } };

function presentEnrollment(enrollment: Enrollment, course: Named['course'], run: Named['run']) {
  return {
    uuid: enrollment.uuid,
    course: { key: course.key, uuid: course.uuid },
    run: { code: run.code, uuid: run.uuid },
    mode: enrollment.mode,
    status: enrollment.status,
    source: enrollment.source,
    enrolledAt: enrollment.enrolledAt.toISOString(),
    unenrolledAt: enrollment.unenrolledAt ? enrollment.unenrolledAt.toISOString() : null,
  };
}

async function presentMyEnrollment(request: FastifyRequest, item: MyEnrollment) {
  const { metadata } = await getReleaseTree(request.server.platform.db, item.run.releaseId);
  return {
    enrollment: presentEnrollment(item.enrollment, item.course, item.run),
    title: metadata.title,
    run: presentRun(item.run),
  };
}

/** Enrolling in runs and leaving them, your enrollments, and staff enrolling many people at once. */
export async function enrollmentApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const runPath = '/api/v1/courses/:courseKey/runs/:runCode';

  api.post(`${runPath}/enrollment`, {
    onRequest: requireKnownRun,
    schema: {
      ...common,
      operationId: 'enrollInRun',
      summary: 'Enroll yourself in a run, in audit mode',
      description:
        'Free and open while the run’s enrollment window is. Enrolling again after leaving brings back the same enrollment with its progress; enrolling while enrolled changes nothing (200).',
      params: runParamsSchema,
      response: {
        201: enrollmentSchema.describe('You are enrolled now.'),
        200: enrollmentSchema.describe('You were already enrolled.'),
        ...problemResponses(400, 401, 404, 409),
      },
    },
    handler: async (request, reply) => {
      const { courseKey, runCode } = request.params;
      const { enrollment, changed, course, run } = await enrollSelf(serviceContextOf(request), courseKey, runCode);
      return reply.status(changed ? 201 : 200).send(presentEnrollment(enrollment, course, run));
    },
  });

  api.delete(`${runPath}/enrollment`, {
    onRequest: requireKnownRun,
    schema: {
      ...common,
      operationId: 'unenrollFromRun',
      summary: 'Leave a run',
      description:
        'The enrollment is kept as unenrolled with its progress, so enrolling again picks up where you left. Leaving twice changes nothing.',
      params: runParamsSchema,
      response: {
        200: enrollmentSchema.describe('The enrollment, now unenrolled.'),
        ...problemResponses(400, 401, 404),
      },
    },
    handler: async (request) => {
      const { courseKey, runCode } = request.params;
      const { enrollment, course, run } = await leaveRun(serviceContextOf(request), courseKey, runCode);
      return presentEnrollment(enrollment, course, run);
    },
  });

  api.get('/api/v1/me/enrollments', {
    onRequest: requireSignedIn,
    schema: {
      ...common,
      operationId: 'listMyEnrollments',
      summary: 'List your enrollments',
      description: 'The latest change (enrolling, coming back, leaving) first.',
      querystring: listQuerySchema,
      response: {
        200: z.object({ items: z.array(myEnrollmentSchema) }).describe('Your enrollments.'),
        ...problemResponses(400, 401),
      },
    },
    handler: async (request) => {
      const items = await listMyEnrollments(serviceContextOf(request), { status: request.query.status });
      return { items: await Promise.all(items.map((item) => presentMyEnrollment(request, item))) };
    },
  });

  api.post(`${runPath}/enrollments`, {
    onRequest: requireRunCapability('enroll_learners'),
    bodyLimit: BULK_BODY_LIMIT,
    schema: {
      ...common,
      operationId: 'bulkEnrollInRun',
      summary: 'Enroll many people in a run by e-mail address',
      description: `For lead instructors, instructors and admins of the owning institutions. The enrollment window does not apply; the capacity does. Up to ${MAX_BULK_EMAILS} addresses at a time; sending the same list again is harmless.`,
      params: runParamsSchema,
      body: bulkBodySchema,
      response: { 200: bulkReportSchema, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const { courseKey, runCode } = request.params;
      return bulkEnroll(serviceContextOf(request), courseKey, runCode, request.body.emails);
    },
  });
}
