import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMaliciousCorpus, buildValidEntries } from '../fixtures/packages/corpus.ts';
import { buildRawZip } from '../fixtures/packages/raw-zip.ts';
import { createPackageWorld, type PackageWorld } from '../../src/web/pages/studio-packages/test-world.ts';

/**
 * The package routes get hostile bodies (random bytes, mangled zips, the malicious corpus) and
 * hostile query strings. None may fail on our side.
 */
const RUNS = 150;
let world: PackageWorld;

beforeAll(async () => {
  world = await createPackageWorld();
});
afterAll(async () => world.close());

function post(query: string, payload: Buffer, type = 'application/zip') {
  return world.ctx.app.inject({
    method: 'POST',
    url: `/api/v1/course-packages?${query}`,
    headers: { cookie: world.sessions.author.cookies, origin: 'http://localhost:3000', 'content-type': type },
    payload,
  });
}

const queryArbitrary = fc.oneof(
  fc.constant(() => `mode=new-draft&courseKey=${world.key}`),
  fc.constant(() => `mode=new-course&key=fuzz-copy&leadInstitution=${world.cast.lead.key}`),
  fc.string({ maxLength: 80 }).map((text) => () => text),
  fc
    .dictionary(fc.constantFrom('mode', 'key', 'courseKey', 'leadInstitution', 'side'), fc.string({ maxLength: 40 }))
    .map((entries) => () => new URLSearchParams(entries).toString()),
);

/** A valid package with a few bytes flipped, cut short or stretched. */
const mangledZip = fc
  .record({ cut: fc.nat(), flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }) })
  .map(({ cut, flips }) => {
    const bytes = Buffer.from(buildRawZip(buildValidEntries()));
    for (const [at, value] of flips) bytes[at % bytes.length] = value;
    return bytes.subarray(0, Math.max(1, bytes.length - (cut % 64)));
  });

/** The operations this file fuzzes, by their OpenAPI ids. */
const OPERATION_IDS = ['importCoursePackage', 'exportCoursePackage'];

describe('fuzzing the package routes', () => {
  it('fuzzes operations the OpenAPI document lists', async () => {
    const document = (await world.ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const ids = Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    for (const id of OPERATION_IDS) expect(ids).toContain(id);
  });

  it('never answers an import with a 5xx', async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
      mangledZip,
    );
    const type = fc.constantFrom(
      'application/zip',
      'application/json',
      'text/plain',
      'application/zip; charset=binary',
    );
    await fc.assert(
      fc.asyncProperty(queryArbitrary, body, type, async (query, payload, contentType) => {
        const response = await post(query(), payload, contentType);
        expect(response.statusCode, response.body).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses every archive of the malicious corpus without a 5xx', async () => {
    for (const archive of buildMaliciousCorpus()) {
      const response = await post(`mode=new-draft&courseKey=${world.key}`, Buffer.from(archive.bytes));
      expect(response.statusCode, archive.name).toBeLessThan(500);
      expect(response.statusCode, archive.name).not.toBe(201);
    }
  });

  it('never answers an export with a 5xx', async () => {
    const key = fc.oneof(fc.constant(world.key), fc.string({ maxLength: 70 }));
    const side = fc.oneof(fc.constantFrom('draft', 'release'), fc.string({ maxLength: 20 }));
    await fc.assert(
      fc.asyncProperty(key, side, async (courseKey, sideValue) => {
        const url = `/api/v1/courses/${encodeURIComponent(courseKey)}/package?side=${encodeURIComponent(sideValue)}`;
        const response = await world.get('author', url);
        expect(response.statusCode, url).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });
});
