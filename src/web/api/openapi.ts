import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenApiDocument } from './reference.ts';

export const API_TITLE = 'Orbis API';
export const API_VERSION = '0.1.0';

const TAGS = [
  { name: 'Account', description: 'The signed-in person: profile and personal API tokens.' },
  { name: 'Institutions', description: 'The alliance’s member institutions and the people who hold roles there.' },
  { name: 'Courses', description: 'Published courses, authoring, releases and runs.' },
  { name: 'MOOChub', description: 'The MOOChub v3 course feed.' },
  {
    name: 'Enrollment',
    description: 'Enrolling in runs, your enrollments, and staff enrolling many people by e-mail address.',
  },
  { name: 'Courseware', description: 'A run’s outline and units as a learner sees them, and progress through them.' },
  { name: 'Quizzes', description: 'Quiz attempts: start, save answers, submit, and results as the quiz reveals them.' },
  {
    name: 'Grades',
    description: 'Your progress and grade in a run; the staff gradebook, its CSV export and overrides.',
  },
  { name: 'Learning records', description: 'Learning records (xAPI 2.0 statements) and the learning data export.' },
  { name: 'Credentials', description: 'Open Badges 3.0 credentials, their verification, programs and issuers.' },
  {
    name: 'Forum',
    description: 'A run’s forum: threads, replies and comments, votes, follows, answers and moderation.',
  },
  { name: 'Study circles', description: 'Small international groups of a run’s learners who share a language.' },
  {
    name: 'Notifications',
    description: 'Forum notifications of the signed-in person and their e-mail digest settings.',
  },
];

/**
 * Every schema with an id lands in the shared zod registry, including input twins no operation
 * uses; the published document keeps only the components that something refers to.
 */
type GeneratedDocument = { components?: { schemas?: Record<string, unknown> } };

function keepReferencedComponents<Document extends GeneratedDocument>(document: Document): Document {
  const schemas = document.components?.schemas ?? {};
  const withoutComponents = JSON.stringify({ ...document, components: { ...document.components, schemas: {} } });
  const used = Object.fromEntries(
    Object.entries(schemas).filter(([name]) => withoutComponents.includes(`"#/components/schemas/${name}"`)),
  );
  return { ...document, components: { ...document.components, schemas: used } } as Document;
}

/** Registers @fastify/swagger in the API's own context, so it documents only the API's routes. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: API_TITLE,
        version: API_VERSION,
        description:
          'The JSON API of Orbis, the open platform of the Global MOOC Alliance. Errors are RFC 9457 problem documents (application/problem+json).',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: [{ url: '/' }],
      tags: TAGS,
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'A personal API token (orb_…) created on your account page.',
          },
          cookieAuth: {
            type: 'apiKey',
            in: 'cookie',
            name: 'orbis.session_token',
            description: 'The browser session; writes must then come from this site (Origin checked).',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) =>
      keepReferencedComponents(
        jsonSchemaTransformObject(documentObject) as ReturnType<typeof jsonSchemaTransformObject> & GeneratedDocument,
      ),
  });
}

export function readOpenApiDocument(app: FastifyInstance): OpenApiDocument {
  return app.swagger() as unknown as OpenApiDocument;
}
