import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getCourseOutline, getUnit, reportBlockProgress } from '../../../modules/courseware/index.ts';
import { requireSignedIn, serviceContextOf } from '../guards.ts';
import { SIGNED_IN, problemResponses } from '../schemas.ts';
import {
  blockAddressSchema,
  blockProgressSchema,
  outlineSchema,
  presentBlockProgress,
  presentOutline,
  presentUnit,
  progressBodySchema,
  runAddressSchema,
  unitAddressSchema,
  unitSchema,
} from './courseware-schemas.ts';

const TAGS = ['Courseware'];
const RUN = '/api/v1/courses/:courseKey/runs/:runCode';

/** The learner's courseware: the outline, units, and progress reports from players. */
export async function coursewareApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(`${RUN}/outline`, {
    onRequest: requireSignedIn,
    schema: {
      operationId: 'getCourseOutline',
      summary: 'Show a run’s sections, units and blocks with what the learner completed',
      description:
        'For the learners of the run, and as a preview for course staff who may see its learners. Available before a scheduled run starts; reading it records nothing.',
      tags: TAGS,
      security: SIGNED_IN,
      params: runAddressSchema,
      response: { 200: outlineSchema, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const { courseKey, runCode } = request.params;
      return presentOutline(await getCourseOutline(serviceContextOf(request), courseKey, runCode));
    },
  });

  api.get(`${RUN}/units/:unitKey`, {
    onRequest: requireSignedIn,
    schema: {
      operationId: 'getUnit',
      summary: 'Show one unit of a run with its blocks, as the learner sees them',
      description:
        'Opening a unit is a visit: it becomes the learner’s position for "resume", and its text, link and file blocks count as viewed. Quizzes are only announced: their questions come with an attempt. Before a scheduled run starts the answer is 403 courseware.not_started.',
      tags: TAGS,
      security: SIGNED_IN,
      params: unitAddressSchema,
      response: { 200: unitSchema, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const { courseKey, runCode, unitKey } = request.params;
      return presentUnit(await getUnit(serviceContextOf(request), courseKey, runCode, unitKey));
    },
  });

  api.post(`${RUN}/blocks/:blockKey/progress`, {
    onRequest: requireSignedIn,
    schema: {
      operationId: 'reportBlockProgress',
      summary: 'Report what the learner played of a video, or that they completed a block',
      description:
        'Watched ranges are merged on the server and clamped to the video’s length; a video counts as watched from 90 %. `complete: true` completes any block but a quiz, which needs a submitted attempt. Only the enrolled learner, while the run is open (409 courseware.run_ended after its end).',
      tags: TAGS,
      security: SIGNED_IN,
      params: blockAddressSchema,
      body: progressBodySchema,
      response: { 200: blockProgressSchema, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => {
      const { courseKey, runCode, blockKey } = request.params;
      const progress = await reportBlockProgress(serviceContextOf(request), courseKey, runCode, blockKey, request.body);
      return presentBlockProgress(progress);
    },
  });
}
