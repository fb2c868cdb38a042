import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  GRADEBOOK_STATUSES,
  getGradebook,
  getProgress,
  overrideGrade,
  streamGradebookCsv,
  type Gradebook,
  type LearnerProgress,
  type ProgressQuiz,
} from '../../../modules/assessment/index.ts';
import {
  courseKeySchema,
  getCourseAccess,
  runCodeSchema,
  type CourseCapability,
} from '../../../modules/courses/index.ts';
import { forbidden } from '../../../platform/errors/index.ts';
import { csvLabels } from '../../pages/grades/csv-labels.ts';
import { requireSignedIn, requireViewer, serviceContextOf } from '../guards.ts';
import { attachmentDisposition } from '../packages/disposition.ts';
import { SIGNED_IN, lineText, multilineText, problemResponses } from '../schemas.ts';

const common = { tags: ['Grades'], security: SIGNED_IN };
const RUN = '/api/v1/courses/:courseKey/runs/:runCode';

const runParamsSchema = z.strictObject({
  courseKey: courseKeySchema.describe('The course’s key, such as climate-data-101.'),
  runCode: runCodeSchema.describe('The run’s code, such as 2027-T1.'),
});
const overrideParamsSchema = runParamsSchema.extend({
  enrollmentId: z
    .uuid('must be an enrollment id (a UUID)')
    .describe('The learner’s enrollment id, as the gradebook lists it.'),
});

const ratio = z.number().describe('0 to 1.');
const date = z.iso.datetime().nullable();

const progressQuizSchema = z.object({
  key: z.string(),
  uuid: z.uuid(),
  title: z.string(),
  score: z.number().nullable().describe('The best score; null when not attempted.'),
  maxScore: z.number(),
  ratio: ratio.nullable().describe('score / maxScore; null for a quiz worth no points.'),
  dropped: z.boolean().describe('Left out of its type’s average as one of the lowest.'),
});

const progressSchema = z
  .object({
    course: z.object({ key: z.string(), uuid: z.uuid(), title: z.record(z.string(), z.string()) }),
    run: z.object({ code: z.string(), uuid: z.uuid() }),
    grade: ratio.describe('The grade that counts: the override when there is one.'),
    computed: ratio,
    override: ratio.nullable(),
    passMark: ratio,
    passed: z.boolean(),
    passedAt: date,
    groups: z.array(
      z.object({
        name: z.string().nullable().describe('The assignment type; null when the policy names none.'),
        weight: ratio,
        dropLowest: z.number().int(),
        average: ratio,
        quizzes: z.array(progressQuizSchema),
      }),
    ),
    uncounted: z.array(progressQuizSchema).describe('Graded quizzes of a type the policy does not name.'),
    practice: z.array(progressQuizSchema),
    completion: z.object({
      completedBlocks: z.number().int(),
      totalBlocks: z.number().int(),
      lastUnitKey: z.string().nullable(),
    }),
  })
  .describe('The learner’s grade, how it is made, and how much of the content they completed.');

const gradebookQuerySchema = z.strictObject({
  q: lineText(200).optional().describe('Part of a learner’s name or email address, in any case.'),
  status: z.enum(GRADEBOOK_STATUSES).optional().describe('Only learners who passed, or who did not.'),
  assignmentType: lineText(60).optional().describe('Show only the quizzes of this assignment type.'),
  page: z.coerce.number().int('must be a whole number').min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int('must be a whole number').min(1).max(200).default(50),
});

const gradebookSchema = z
  .object({
    course: z.object({ key: z.string(), uuid: z.uuid() }),
    run: z.object({ code: z.string(), uuid: z.uuid() }),
    policy: z.object({
      assignmentTypes: z.array(z.object({ name: z.string(), weight: ratio, dropLowest: z.number().int() })),
      passMark: ratio,
    }),
    quizzes: z
      .array(
        z.object({
          key: z.string(),
          uuid: z.uuid(),
          title: z.string(),
          assignmentType: z.string(),
          maxScore: z.number(),
        }),
      )
      .describe('The graded quizzes shown, in the order of `scores`.'),
    items: z.array(
      z.object({
        enrollmentId: z.uuid(),
        userId: z.uuid(),
        name: z.string(),
        email: z.string(),
        mode: z.enum(['audit', 'verified']),
        scores: z.array(z.number().nullable()).describe('Best score per quiz; null when not attempted.'),
        averages: z.array(ratio).describe('Per assignment type of the policy, in its order.'),
        computed: ratio,
        override: ratio.nullable(),
        overrideReason: z.string().nullable(),
        grade: ratio,
        passed: z.boolean(),
        passedAt: date,
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    pageCount: z.number().int(),
    canOverride: z.boolean().describe('Whether the caller may override grades (capability grade).'),
  })
  .describe('One page of the gradebook: active learners by name × graded quizzes.');

const overrideBodySchema = z
  .strictObject({
    grade: z
      .number('must be a number or null')
      .min(0, 'must be between 0 and 1')
      .max(1, 'must be between 0 and 1')
      .nullable(),
    reason: multilineText(500)
      .refine((value) => value.length >= 3, 'must be at least 3 characters')
      .describe('Why; kept in the audit log.'),
  })
  .describe('The grade to give (0 to 1), or null to clear the override.');

const overrideResultSchema = z.object({
  enrollmentId: z.uuid(),
  computed: ratio,
  override: ratio.nullable(),
  grade: ratio,
  passed: z.boolean(),
  passedAt: date,
  newlyPassed: z.boolean().describe('This override made the learner pass for the first time.'),
});

const iso = (value: Date | null) => (value ? value.toISOString() : null);

function presentQuiz(quiz: ProgressQuiz) {
  return { ...quiz };
}

function presentProgress(progress: LearnerProgress) {
  return {
    course: { key: progress.course.key, uuid: progress.course.uuid, title: progress.courseTitle },
    run: { code: progress.run.code, uuid: progress.run.uuid },
    grade: progress.grade,
    computed: progress.computed,
    override: progress.override,
    passMark: progress.passMark,
    passed: progress.passed,
    passedAt: iso(progress.passedAt),
    groups: progress.groups.map((group) => ({ ...group, quizzes: group.quizzes.map(presentQuiz) })),
    uncounted: progress.uncounted.map(presentQuiz),
    practice: progress.practice.map(presentQuiz),
    completion: progress.completion,
  };
}

function presentGradebook(book: Gradebook) {
  return {
    course: { key: book.course.key, uuid: book.course.uuid },
    run: { code: book.run.code, uuid: book.run.uuid },
    policy: book.policy,
    quizzes: book.quizzes,
    items: book.rows.map(({ enrollmentUuid, passedAt, ...row }) => ({
      enrollmentId: enrollmentUuid,
      ...row,
      passedAt: iso(passedAt),
    })),
    total: book.total,
    page: book.page,
    pageSize: book.pageSize,
    pageCount: book.pageCount,
    canOverride: book.canOverride,
  };
}

/**
 * Route hook for staff operations: 401 for nobody, 404 for a course the caller cannot see, 403 for
 * one they see without `capability`, before the query or body is validated. The services check again.
 */
function requireRunCapability(capability: CourseCapability) {
  return async function checkRunCapability(request: FastifyRequest): Promise<void> {
    requireViewer(request);
    const { courseKey } = request.params as { courseKey?: unknown };
    if (!courseKeySchema.safeParse(courseKey).success) return;
    const { capabilities } = await getCourseAccess(serviceContextOf(request), courseKey as string);
    if (!capabilities.has(capability)) throw forbidden('Your role in this course does not allow this.');
  };
}

/** Grades: the learner's progress, and for staff the gradebook, its CSV export and overrides. */
export async function gradeApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(`${RUN}/progress`, {
    onRequest: requireSignedIn,
    schema: {
      ...common,
      operationId: 'getProgress',
      summary: 'Show your grade in a run and how it is made',
      description:
        'For learners enrolled in the run: the grade (an override by the teaching team counts instead of the computed one), each assignment type of the policy with its weight, its quizzes and the dropped lowest scores, the pass mark, whether and when you passed, and the content completed.',
      params: runParamsSchema,
      response: { 200: progressSchema, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const { courseKey, runCode } = request.params;
      return presentProgress(await getProgress(serviceContextOf(request), courseKey, runCode));
    },
  });

  api.get(`${RUN}/gradebook`, {
    onRequest: requireRunCapability('view_learners'),
    schema: {
      ...common,
      operationId: 'getGradebook',
      summary: 'List a run’s learners with their quiz scores and grades',
      description:
        'For the teaching team and the admins of the owning institutions (authors excluded): active learners ordered by name, a page at a time, filtered by part of a name or address, by pass, and by assignment type (which quizzes are shown).',
      params: runParamsSchema,
      querystring: gradebookQuerySchema,
      response: { 200: gradebookSchema, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const { courseKey, runCode } = request.params;
      return presentGradebook(await getGradebook(serviceContextOf(request), courseKey, runCode, request.query));
    },
  });

  // Untyped on the reply side: the answer is a CSV stream, which no JSON serializer should touch.
  app.get<{ Params: z.infer<typeof runParamsSchema> }>(`${RUN}/gradebook.csv`, {
    onRequest: requireRunCapability('view_learners'),
    schema: {
      ...common,
      operationId: 'exportGradebook',
      summary: 'Download a run’s whole gradebook as CSV',
      description:
        'Streamed as text/csv (UTF-8 with a byte-order mark), one line per active learner: id, name, email, enrollment mode, the best score of each graded quiz, the average of each assignment type, the computed grade, any override, and whether they passed. Cells that a spreadsheet would run as a formula start with an apostrophe. Column titles follow Accept-Language.',
      params: runParamsSchema,
      response: problemResponses(400, 401, 403, 404),
    },
    handler: async (request, reply) => {
      const { courseKey, runCode } = request.params;
      const csv = await streamGradebookCsv(serviceContextOf(request), courseKey, runCode, {
        labels: csvLabels(request.t),
      });
      async function* body(): AsyncGenerator<string> {
        yield '\uFEFF';
        yield* csv.lines;
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachmentDisposition(csv.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(Readable.from(body()));
    },
  });

  api.put(`${RUN}/grades/:enrollmentId/override`, {
    onRequest: requireRunCapability('grade'),
    schema: {
      ...common,
      operationId: 'overrideGrade',
      summary: 'Override a learner’s grade, or clear the override',
      description:
        'For those who grade the run (lead instructors, instructors, teaching assistants; not owner admins). The override counts instead of the computed grade and may make the learner pass; lowering it never takes a pass back. Audited with the reason.',
      params: overrideParamsSchema,
      body: overrideBodySchema,
      response: { 200: overrideResultSchema, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const { courseKey, runCode, enrollmentId } = request.params;
      const result = await overrideGrade(serviceContextOf(request), courseKey, runCode, enrollmentId, request.body);
      const { enrollmentUuid, passedAt, ...rest } = result;
      return { enrollmentId: enrollmentUuid, ...rest, passedAt: iso(passedAt) };
    },
  });
}
