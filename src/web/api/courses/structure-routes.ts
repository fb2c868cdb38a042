import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addBlock,
  addSection,
  addUnit,
  deleteBlock,
  deleteSection,
  deleteUnit,
  moveBlock,
  moveSection,
  moveUnit,
  updateBlock,
  updateSection,
  updateUnit,
} from '../../../modules/courses/index.ts';
import { serviceContextOf } from '../guards.ts';
import { SIGNED_IN, problemResponses } from '../schemas.ts';
import { requireCourseCapability } from './access.ts';
import {
  blockBodySchema,
  blockOutputSchema,
  blockParamsSchema,
  blockPositionQuerySchema,
  moveBlockSchema,
  moveSectionSchema,
  moveUnitSchema,
  newContainerSchema,
  presentBlock,
  presentSection,
  presentUnit,
  renameSchema,
  sectionOutputSchema,
  sectionParamsSchema,
  unitOutputSchema,
  unitParamsSchema,
} from './schemas-content.ts';
import { courseParamsSchema } from './schemas.ts';

const TAGS = ['Courses'];
const editContent = requireCourseCapability('edit_content');
const done = z.undefined().describe('Done; the change is in the draft until the next publish.');
const WRITE_ERRORS = problemResponses(400, 401, 403, 404);

/** Sections, units and blocks of a course's draft. Learners see changes only after a publish. */
export async function courseStructureRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = { onRequest: editContent };
  const common = { tags: TAGS, security: SIGNED_IN };

  api.post('/api/v1/courses/:key/sections', {
    ...base,
    schema: {
      ...common,
      operationId: 'createSection',
      summary: 'Add a section to a course’s draft',
      params: courseParamsSchema,
      body: newContainerSchema,
      response: { 201: sectionOutputSchema.describe('The new, empty section.'), ...WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      const section = await addSection(serviceContextOf(request), request.params.key, request.body);
      return reply.status(201).send(presentSection(section));
    },
  });

  api.patch('/api/v1/courses/:key/sections/:sectionKey', {
    ...base,
    schema: {
      ...common,
      operationId: 'updateSection',
      summary: 'Rename a section',
      params: sectionParamsSchema,
      body: renameSchema,
      response: { 204: done, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      await updateSection(serviceContextOf(request), request.params.key, request.params.sectionKey, request.body);
      return reply.status(204).send();
    },
  });

  api.delete('/api/v1/courses/:key/sections/:sectionKey', {
    ...base,
    schema: {
      ...common,
      operationId: 'deleteSection',
      summary: 'Remove a section with its units and blocks from the draft',
      params: sectionParamsSchema,
      response: { 204: done, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      await deleteSection(serviceContextOf(request), request.params.key, request.params.sectionKey);
      return reply.status(204).send();
    },
  });

  api.post('/api/v1/courses/:key/sections/:sectionKey/position', {
    ...base,
    schema: {
      ...common,
      operationId: 'moveSection',
      summary: 'Move a section to another place in the course',
      params: sectionParamsSchema,
      body: moveSectionSchema,
      response: { 204: done, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      await moveSection(serviceContextOf(request), request.params.key, request.params.sectionKey, request.body);
      return reply.status(204).send();
    },
  });

  api.post('/api/v1/courses/:key/sections/:sectionKey/units', {
    ...base,
    schema: {
      ...common,
      operationId: 'createUnit',
      summary: 'Add a unit to a section',
      params: sectionParamsSchema,
      body: newContainerSchema,
      response: { 201: unitOutputSchema.describe('The new, empty unit.'), ...WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      const { key, sectionKey } = request.params;
      const unit = await addUnit(serviceContextOf(request), key, sectionKey, request.body);
      return reply.status(201).send(presentUnit(unit));
    },
  });

  api.patch('/api/v1/courses/:key/units/:unitKey', {
    ...base,
    schema: {
      ...common,
      operationId: 'updateUnit',
      summary: 'Rename a unit',
      params: unitParamsSchema,
      body: renameSchema,
      response: { 204: done, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      await updateUnit(serviceContextOf(request), request.params.key, request.params.unitKey, request.body);
      return reply.status(204).send();
    },
  });

  api.delete('/api/v1/courses/:key/units/:unitKey', {
    ...base,
    schema: {
      ...common,
      operationId: 'deleteUnit',
      summary: 'Remove a unit with its blocks from the draft',
      params: unitParamsSchema,
      response: { 204: done, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      await deleteUnit(serviceContextOf(request), request.params.key, request.params.unitKey);
      return reply.status(204).send();
    },
  });

  api.post('/api/v1/courses/:key/units/:unitKey/position', {
    ...base,
    schema: {
      ...common,
      operationId: 'moveUnit',
      summary: 'Move a unit within its section or into another section',
      params: unitParamsSchema,
      body: moveUnitSchema,
      response: { 204: done, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      await moveUnit(serviceContextOf(request), request.params.key, request.params.unitKey, request.body);
      return reply.status(204).send();
    },
  });

  api.post('/api/v1/courses/:key/units/:unitKey/blocks', {
    ...base,
    schema: {
      ...common,
      operationId: 'createBlock',
      summary: 'Add a block to a unit',
      description: 'Media a block refers to must belong to the course; publishing checks that it still exists.',
      params: unitParamsSchema,
      querystring: blockPositionQuerySchema,
      body: blockBodySchema,
      response: { 201: blockOutputSchema.describe('The new block.'), ...WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      const { key, unitKey } = request.params;
      const block = await addBlock(serviceContextOf(request), key, unitKey, request.body, request.query.position);
      return reply.status(201).send(presentBlock(block));
    },
  });

  api.put('/api/v1/courses/:key/blocks/:blockKey', {
    ...base,
    schema: {
      ...common,
      operationId: 'updateBlock',
      summary: 'Replace a block with a new version',
      description: 'A block keeps its type: to turn a text into a quiz, add a new block.',
      params: blockParamsSchema,
      body: blockBodySchema,
      response: { 200: blockOutputSchema.describe('The block’s new version.'), ...WRITE_ERRORS },
    },
    handler: async (request) =>
      presentBlock(
        await updateBlock(serviceContextOf(request), request.params.key, request.params.blockKey, request.body),
      ),
  });

  api.delete('/api/v1/courses/:key/blocks/:blockKey', {
    ...base,
    schema: {
      ...common,
      operationId: 'deleteBlock',
      summary: 'Remove a block from the draft',
      params: blockParamsSchema,
      response: { 204: done, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      await deleteBlock(serviceContextOf(request), request.params.key, request.params.blockKey);
      return reply.status(204).send();
    },
  });

  api.post('/api/v1/courses/:key/blocks/:blockKey/position', {
    ...base,
    schema: {
      ...common,
      operationId: 'moveBlock',
      summary: 'Move a block within its unit or into another unit',
      params: blockParamsSchema,
      body: moveBlockSchema,
      response: { 204: done, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      await moveBlock(serviceContextOf(request), request.params.key, request.params.blockKey, request.body);
      return reply.status(204).send();
    },
  });
}
