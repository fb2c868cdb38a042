import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CIRCLE_MAX_SIZE,
  formStudyCircles,
  getMyStudyCircle,
  joinStudyCircle,
  leaveStudyCircle,
  listStudyCircles,
  moveCircleMember,
  type CircleMember,
  type StudyCircle,
} from '../../../modules/discussions/index.ts';
import { SIGNED_IN } from '../schemas.ts';
import { requireSignedIn, serviceContextOf } from '../guards.ts';
import { CIRCLE_TAGS, FORUM_ERRORS, RUN_PATH, refuseInvalid, requireReaderFirst } from './access.ts';
import { joinCircleBodySchema, moveMemberBodySchema, runAddressSchema } from './schemas.ts';

const common = { tags: CIRCLE_TAGS, security: SIGNED_IN };
const CIRCLES = `${RUN_PATH}/circles`;

const circleMemberSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    country: z.string().nullable(),
    languages: z.array(z.string()).describe('The languages they discuss in, most preferred first.'),
  })
  .meta({ id: 'CircleMember' });

const circleSchema = z
  .object({
    id: z.number().int(),
    number: z.number().int().describe('Circles of a run are numbered from 1.'),
    language: z.string().describe('The language everyone in the circle shares.'),
    countries: z.number().int().describe('How many countries its members come from.'),
    members: z.array(circleMemberSchema),
  })
  .meta({ id: 'StudyCircle' });

const myCircleSchema = z.object({
  optedIn: z.boolean().describe('Whether you joined study circles in this run.'),
  languages: z.array(z.string()),
  circle: circleSchema.nullable().describe('Your circle; null while you wait or did not join.'),
  waiting: z.number().int().describe('How many learners of the run wait for a circle.'),
});

function presentMember(member: CircleMember) {
  return { userId: member.userId, name: member.name, country: member.country, languages: [...member.languages] };
}

function presentCircle(circle: StudyCircle) {
  return {
    id: circle.id,
    number: circle.number,
    language: circle.language,
    countries: circle.countries,
    members: circle.members.map(presentMember),
  };
}

/** Study circles: small groups of learners of a run who share a language and mix countries. */
export async function circleRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const hooks = { onRequest: requireSignedIn, attachValidation: true };

  api.post(`${CIRCLES}/membership`, {
    ...hooks,
    schema: {
      ...common,
      operationId: 'joinStudyCircle',
      summary: 'Join study circles, or change your languages while you wait',
      description: `For the learners of the run (staff get 403). You are seated at once when a circle can take you (at most ${CIRCLE_MAX_SIZE} people), or wait for more learners; circleId says which.`,
      params: runAddressSchema,
      body: joinCircleBodySchema,
      response: {
        200: z.object({ circleId: z.number().int().nullable().describe('null while you wait.') }),
        ...FORUM_ERRORS,
      },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode } = request.params;
      return joinStudyCircle(serviceContextOf(request), courseKey, runCode, request.body);
    },
  });

  api.delete(`${CIRCLES}/membership`, {
    onRequest: requireReaderFirst,
    schema: {
      ...common,
      operationId: 'leaveStudyCircle',
      summary: 'Leave study circles',
      description: 'Your circle keeps its threads. Leaving when you are not in one changes nothing.',
      params: runAddressSchema,
      response: { 204: z.undefined().describe('You are out.'), ...FORUM_ERRORS },
    },
    handler: async (request, reply) => {
      const { courseKey, runCode } = request.params;
      await leaveStudyCircle(serviceContextOf(request), courseKey, runCode);
      return reply.status(204).send();
    },
  });

  api.get(`${CIRCLES}/membership`, {
    ...hooks,
    schema: {
      ...common,
      operationId: 'getMyStudyCircle',
      summary: 'Show your study circle, or whether you wait for one',
      params: runAddressSchema,
      response: { 200: myCircleSchema, ...FORUM_ERRORS },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode } = request.params;
      const view = await getMyStudyCircle(serviceContextOf(request), courseKey, runCode);
      return {
        optedIn: view.optedIn,
        languages: [...view.languages],
        circle: view.circle ? presentCircle(view.circle) : null,
        waiting: view.waiting,
      };
    },
  });

  api.get(CIRCLES, {
    ...hooks,
    schema: {
      ...common,
      operationId: 'listStudyCircles',
      summary: 'List every study circle of a run and who waits',
      description: 'For the course staff who see the run’s learners.',
      params: runAddressSchema,
      response: {
        200: z.object({ circles: z.array(circleSchema), waiting: z.array(circleMemberSchema) }),
        ...FORUM_ERRORS,
      },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode } = request.params;
      const { circles, waiting } = await listStudyCircles(serviceContextOf(request), courseKey, runCode);
      return { circles: circles.map(presentCircle), waiting: waiting.map(presentMember) };
    },
  });

  api.post(`${CIRCLES}/moves`, {
    ...hooks,
    schema: {
      ...common,
      operationId: 'moveCircleMember',
      summary: 'Move a learner to another study circle, or back to waiting',
      description:
        'For staff. The circle must have room and the learner must speak its language (400 forum.circle_full, forum.circle_language). Audited.',
      params: runAddressSchema,
      body: moveMemberBodySchema,
      response: {
        200: z.object({ userId: z.string(), circleId: z.number().int().nullable() }),
        ...FORUM_ERRORS,
      },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode } = request.params;
      return moveCircleMember(serviceContextOf(request), courseKey, runCode, request.body);
    },
  });

  api.post(`${CIRCLES}/matching`, {
    ...hooks,
    schema: {
      ...common,
      operationId: 'formStudyCircles',
      summary: 'Seat everyone waiting in study circles',
      description: 'For staff. Matching also runs whenever a learner joins; this seats those left waiting.',
      params: runAddressSchema,
      response: {
        200: z.object({ seated: z.number().int().describe('How many learners were seated now.') }),
        ...FORUM_ERRORS,
      },
    },
    handler: async (request) => {
      await refuseInvalid(request);
      const { courseKey, runCode } = request.params;
      return formStudyCircles(serviceContextOf(request), courseKey, runCode);
    },
  });
}
