import { z } from 'zod';

/**
 * The shapes of learning records and of the learning data export, for the API's responses and
 * its documentation. Statements keep properties these schemas do not name (loose objects): a
 * record is handed out as it was stored, never trimmed on the way.
 */

const activitySchema = z.looseObject({
  objectType: z.literal('Activity'),
  id: z.string().describe('An absolute IRI under the platform’s address.'),
});

const languageMap = z.record(z.string(), z.string()).describe('Text by RFC 5646 language tag.');

export const statementSchema = z
  .looseObject({
    id: z.uuid(),
    actor: z
      .object({
        objectType: z.literal('Agent'),
        account: z.object({
          homePage: z.string().describe('The platform’s address.'),
          name: z.string().describe('The person’s user id on the platform: never a name or an e-mail.'),
        }),
      })
      .describe('The learner, as an account on the platform.'),
    verb: z.looseObject({ id: z.string().describe('An ADL verb IRI.'), display: languageMap }),
    object: activitySchema.extend({
      definition: z.looseObject({
        type: z.string().describe('An ADL activity type IRI.'),
        name: languageMap.optional(),
      }),
    }),
    result: z
      .looseObject({
        score: z
          .object({
            scaled: z.number().optional(),
            raw: z.number().optional(),
            min: z.number().optional(),
            max: z.number().optional(),
          })
          .optional(),
        success: z.boolean().optional(),
        completion: z.boolean().optional(),
        response: z.string().optional(),
        duration: z.string().optional().describe('An ISO 8601 duration.'),
        extensions: z.record(z.string(), z.unknown()).optional(),
      })
      .optional(),
    context: z.looseObject({
      registration: z.uuid().describe('The enrollment: shared by every statement of one learner in one run.'),
      platform: z.string(),
      language: z.string().optional(),
      contextActivities: z.looseObject({
        parent: z.array(activitySchema).optional(),
        grouping: z.array(activitySchema).optional(),
      }),
    }),
    timestamp: z.string().describe('When it happened (ISO 8601 with a zone).'),
    stored: z.string().describe('When the platform recorded it (ISO 8601 with a zone).'),
    version: z.string().describe('Always 2.0.0.'),
  })
  .describe('An xAPI 2.0 statement.')
  .meta({ id: 'XapiStatement' });

export const statementResultSchema = z
  .object({
    statements: z.array(statementSchema).describe('Oldest first.'),
    more: z.string().describe('The address of the next page, or an empty string on the last page.'),
  })
  .describe('A page of statements, like an xAPI StatementResult.');

const runRef = {
  registration: z.uuid().describe('The enrollment’s id, also the xAPI registration.'),
  courseKey: z.string(),
  runCode: z.string(),
};
const contentRef = z.object({
  entityId: z.number().int(),
  uuid: z.string().nullable(),
  key: z.string().nullable(),
  title: z.string().nullable().describe('Null when the run’s release no longer has this content.'),
});
const answersSchema = z.record(z.string(), z.unknown()).nullable();
const time = z.string().describe('ISO 8601.');

export const learningDataSchema = z
  .object({
    format: z.literal('orbis.learning-data'),
    version: z.literal(1),
    exportedAt: time,
    account: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      emailVerified: z.boolean(),
      locale: z.string().nullable(),
      country: z.string().nullable(),
      bio: z.string().nullable(),
      createdAt: time,
    }),
    enrollments: z.array(
      z.object({
        registration: z.uuid(),
        course: z.object({ key: z.string(), uuid: z.string(), title: languageMap }),
        run: z.object({
          code: z.string(),
          uuid: z.string(),
          pacing: z.string(),
          language: z.string(),
          startsAt: time.nullable(),
          endsAt: time.nullable(),
        }),
        mode: z.string(),
        status: z.string(),
        source: z.string(),
        enrolledAt: time,
        unenrolledAt: time.nullable(),
      }),
    ),
    courseware: z.object({
      completions: z.array(z.object({ ...runRef, block: contentRef, kind: z.string(), completedAt: time })),
      videoProgress: z.array(
        z.object({
          ...runRef,
          block: contentRef,
          watchedRanges: z.array(z.tuple([z.number(), z.number()])),
          durationSeconds: z.number(),
          positionSeconds: z.number(),
          updatedAt: time,
        }),
      ),
      positions: z.array(z.object({ ...runRef, unit: contentRef, visitedAt: time })),
    }),
    assessment: z.object({
      attempts: z.array(
        z.object({
          ...runRef,
          submissionId: z.uuid(),
          quiz: contentRef,
          number: z.number().int(),
          status: z.enum(['in_progress', 'submitted']),
          startedAt: time,
          savedAt: time.nullable(),
          submittedAt: time.nullable(),
          draftAnswers: answersSchema,
          answers: answersSchema,
          answersSha256: z.string().nullable(),
          score: z.number().nullable(),
          maxScore: z.number().nullable(),
          results: z
            .array(
              z.object({ questionId: z.string(), points: z.number(), maxPoints: z.number(), correct: z.boolean() }),
            )
            .nullable()
            .describe('Per-question marking, only once the quiz’s reveal policy shows it.'),
          resultsRevealAt: time.nullable(),
        }),
      ),
      quizScores: z.array(
        z.object({
          ...runRef,
          quiz: contentRef,
          score: z.number(),
          maxScore: z.number(),
          attemptsUsed: z.number().int(),
          bestSubmissionId: z.string().nullable(),
          updatedAt: time,
        }),
      ),
      courseGrades: z.array(
        z.object({
          ...runRef,
          grade: z.number(),
          computed: z.number(),
          override: z.number().nullable(),
          overrideReason: z.string().nullable(),
          overriddenAt: time.nullable(),
          breakdown: z.array(
            z.object({ type: z.string(), average: z.number(), weight: z.number(), dropped: z.number() }),
          ),
          passed: z.boolean(),
          passedAt: time.nullable(),
          updatedAt: time,
        }),
      ),
    }),
    statements: z.array(statementSchema).describe('Every learning record of the person, oldest first.'),
  })
  .describe('Everything the platform records about the signed-in person’s learning.');
