import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

type Operation = { operationId?: string; summary?: string; tags?: string[]; responses?: Record<string, unknown> };
type Document = { openapi: string; info: { title: string }; paths: Record<string, Record<string, Operation>> };

async function fetchDocument(): Promise<Document> {
  const response = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('application/json');
  return response.json();
}

/** Every method and path the whole application serves, read from Fastify's own route tree. */
/** Fastify prints one node for routes that name a parameter differently, such as `:key|:courseKey`. */
function expandAlternatives(path: string): string[] {
  let paths = [''];
  for (const segment of path.split('/').slice(1)) {
    paths = paths.flatMap((prefix) => segment.split('|').map((option) => `${prefix}/${option}`));
  }
  return paths;
}

export function listRegisteredRoutes(app: FastifyInstance): Array<{ method: string; path: string }> {
  const stack: string[] = [];
  const routes: Array<{ method: string; path: string }> = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const segment = match[2]!;
    const parent = depth === 0 ? '' : stack[depth - 1]!;
    const path = parent === '/' ? `/${segment}` : `${parent}${segment}`;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) routes.push({ method, path });
  }
  return routes;
}

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe('the OpenAPI document', () => {
  it('is an OpenAPI 3.1 document about the Orbis API with security schemes', async () => {
    const document = await fetchDocument();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('Orbis API');
    expect(document).toMatchObject({
      servers: [{ url: '/' }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' }, cookieAuth: { in: 'cookie' } } },
    });
  });

  it('gives every operation a unique operationId, a summary, a tag and a problem schema for errors', async () => {
    const operations = Object.values((await fetchDocument()).paths).flatMap((item) => Object.values(item));
    const ids = operations.map((operation) => operation.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of operations) {
      expect(operation.summary, operation.operationId).toBeTruthy();
      expect(operation.tags?.length, operation.operationId).toBeGreaterThan(0);
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) < 400) continue;
        expect(response, `${operation.operationId} ${status}`).toMatchObject({
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        });
      }
    }
    expect(ids).toEqual(
      expect.arrayContaining(['listInstitutions', 'getInstitution', 'getCurrentUser', 'updateCurrentUser']),
    );
  });

  it('leaves out its own address and the reference page', async () => {
    const paths = Object.keys((await fetchDocument()).paths);
    expect(paths).not.toContain('/api/openapi.json');
    expect(paths).not.toContain('/api/docs');
  });

  it('documents every route registered under /api/v1', async () => {
    const document = await fetchDocument();
    const registered = listRegisteredRoutes(ctx.app).filter(
      (route) => route.path.startsWith('/api/v1/') && route.method !== 'HEAD',
    );
    expect(registered.length).toBeGreaterThanOrEqual(8);
    const missing = registered.filter(
      (route) =>
        !expandAlternatives(route.path).some(
          (path) => document.paths[toOpenApiPath(path)]?.[route.method.toLowerCase()],
        ),
    );
    expect(missing).toEqual([]);
  });
});

describe('the API reference page', () => {
  it('renders every operation from the document, grouped by tag, with a curl example', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/docs' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const html = response.body;
    for (const id of ['getCurrentUser', 'updateCurrentUser', 'listInstitutions', 'getInstitution', 'createApiToken']) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('PATCH /api/v1/me');
    expect(html).toContain('curl -H &quot;Authorization: Bearer orb_…&quot; http://localhost:3000/api/v1/me');
    expect(html).toContain('<h2 id="tag-account">Your account</h2>');
  });

  it('keeps headings in order with a single h1 and header cells in every table', async () => {
    const html = (await ctx.app.inject({ method: 'GET', url: '/api/docs' })).body;
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    expect(levels[0]).toBe(1);
    levels.reduce((previous, level) => {
      expect(level - previous).toBeLessThanOrEqual(1);
      return level;
    });
    const tables = html.split('<table').slice(1);
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) expect(table).toContain('<th scope="col">');
  });

  it.each([
    ['zh-Hans', 'API 参考', '身份验证'],
    ['ar', 'مرجع واجهة البرمجة', 'المصادقة'],
  ])('translates its headings into %s', async (locale, title, authentication) => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/docs', headers: { 'accept-language': locale } });
    expect(response.body).toContain(`<h1>${title}</h1>`);
    expect(response.body).toContain(authentication);
  });
});
