import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createCourse,
  getCourseAccess,
  getDraftMetadata,
  getDraftTree,
  getPendingChanges,
  listReleases,
  publishCourse,
  revertDraft,
  updateCourseMetadata,
  type CourseMetadataInput,
} from '../../../modules/courses/index.ts';
import { requireSignedIn, serviceContextOf } from '../guards.ts';
import { SIGNED_IN, problemResponses } from '../schemas.ts';
import { requireCourseCapability } from './access.ts';
import { courseDetailSchema, loadCourseDetail } from './course-detail.ts';
import {
  metadataChangesSchema,
  newCourseBodySchema,
  presentRelease,
  presentSection,
  publishBodySchema,
  releaseSchema,
  sectionOutputSchema,
} from './schemas-content.ts';
import { courseParamsSchema, metadataSchema, ownerSchema, presentMetadata, presentOwner } from './schemas.ts';

const TAGS = ['Courses'];
const common = { tags: TAGS, security: SIGNED_IN };

const draftSchema = z
  .object({
    key: z.string(),
    uuid: z.uuid(),
    draft: z.literal(true),
    metadata: metadataSchema,
    owners: z.array(ownerSchema),
    sections: z.array(sectionOutputSchema),
    hasUnpublishedChanges: z.boolean().describe('True when publishing now would change what learners see.'),
  })
  .describe('The draft as the team works on it, with every block in full.');

/** Starting a course, its description, its draft and its releases. */
export async function courseAuthoringRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/api/v1/courses', {
    onRequest: requireSignedIn,
    schema: {
      ...common,
      operationId: 'createCourse',
      summary: 'Start a course led by one of your institutions',
      description:
        'Instructors and admins of the lead institution may start a course; the creator becomes its lead instructor. Partners must be members of the alliance.',
      body: newCourseBodySchema,
      response: {
        201: courseDetailSchema.describe('The new course, as a draft.'),
        ...problemResponses(400, 401, 403, 409),
      },
    },
    handler: async (request, reply) => {
      const course = await createCourse(serviceContextOf(request), request.body);
      return reply.status(201).send(await loadCourseDetail(request, course.key));
    },
  });

  api.patch('/api/v1/courses/:key', {
    onRequest: requireCourseCapability('edit_content'),
    schema: {
      ...common,
      operationId: 'updateCourse',
      summary: 'Change a course’s description in the draft',
      description: 'Send only the fields to change. Learners see the change after the next publish.',
      params: courseParamsSchema,
      body: metadataChangesSchema,
      response: {
        200: metadataSchema.describe('The draft description after the change.'),
        ...problemResponses(400, 401, 403, 404),
      },
    },
    handler: async (request) => {
      const ctx = serviceContextOf(request);
      const { key } = request.params;
      const merged = { ...(await getDraftMetadata(ctx, key)), ...request.body } as CourseMetadataInput;
      await updateCourseMetadata(ctx, key, merged);
      return presentMetadata(await getDraftMetadata(ctx, key));
    },
  });

  api.get('/api/v1/courses/:key/draft', {
    onRequest: requireCourseCapability('view_draft'),
    schema: {
      ...common,
      operationId: 'getCourseDraft',
      summary: 'Show a course’s draft with every section, unit and block',
      description: 'For the course’s team, the admins of its owning institutions and the secretariat.',
      params: courseParamsSchema,
      response: { 200: draftSchema, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const ctx = serviceContextOf(request);
      const { key } = request.params;
      const { course } = await getCourseAccess(ctx, key);
      const tree = await getDraftTree(ctx, key);
      const pending = await getPendingChanges(ctx, key);
      return {
        key: course.key,
        uuid: course.uuid,
        draft: true as const,
        metadata: presentMetadata(tree.metadata),
        owners: course.owners.map((owner) => presentOwner(owner, request.locale)),
        sections: tree.sections.map(presentSection),
        hasUnpublishedChanges: pending.hasChanges,
      };
    },
  });

  api.post('/api/v1/courses/:key/draft/revert', {
    onRequest: requireCourseCapability('edit_content'),
    schema: {
      ...common,
      operationId: 'revertCourseDraft',
      summary: 'Throw away the draft’s changes since the latest release',
      params: courseParamsSchema,
      response: {
        204: z.undefined().describe('The draft is the latest release again.'),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    },
    handler: async (request, reply) => {
      await revertDraft(serviceContextOf(request), request.params.key);
      return reply.status(204).send();
    },
  });

  api.post('/api/v1/courses/:key/releases', {
    onRequest: requireCourseCapability('publish'),
    schema: {
      ...common,
      operationId: 'publishCourse',
      summary: 'Publish the draft as the next release',
      description:
        'Lead instructors publish. Runs keep the release they serve until they are moved on purpose; the catalog shows the new description.',
      params: courseParamsSchema,
      body: publishBodySchema,
      response: { 201: releaseSchema.describe('The new release.'), ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      const release = await publishCourse(serviceContextOf(request), request.params.key, request.body);
      return reply.status(201).send(presentRelease(release));
    },
  });

  api.get('/api/v1/courses/:key/releases', {
    onRequest: requireCourseCapability('view_draft'),
    schema: {
      ...common,
      operationId: 'listCourseReleases',
      summary: 'List a course’s releases, newest first',
      params: courseParamsSchema,
      response: {
        200: z.object({ items: z.array(releaseSchema) }).describe('Every release with what it changed.'),
        ...problemResponses(400, 401, 403, 404),
      },
    },
    handler: async (request) => ({
      items: (await listReleases(serviceContextOf(request), request.params.key)).map(presentRelease),
    }),
  });
}
