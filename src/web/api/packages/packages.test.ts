import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPackageWorld, type PackageWorld, type Role } from '../../pages/studio-packages/test-world.ts';

const ORIGIN = 'http://localhost:3000';
let world: PackageWorld;
let draftZip: Buffer;

beforeAll(async () => {
  world = await createPackageWorld();
});
afterAll(async () => world.close());

async function exportAs(role: Role, side = 'draft') {
  return world.get(role, `/api/v1/courses/${world.key}/package?side=${side}`);
}

describe('GET /api/v1/courses/:key/package', () => {
  it.each([
    ['anonymous', 401],
    ['learner', 404],
    ['assistant', 403],
    ['otherAdmin', 404],
  ] as const)('answers %s with %i', async (role, status) => {
    const response = await exportAs(role);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('gives authors and owner admins the draft as a zip attachment', async () => {
    for (const role of ['author', 'ownerAdmin'] as const) {
      const response = await exportAs(role);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/zip');
      expect(response.headers['content-disposition']).toContain(`attachment; filename="${world.key}-draft.zip"`);
      expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
      draftZip = response.rawPayload;
    }
  });

  it('refuses a release that does not exist and a side that is not one', async () => {
    expect((await exportAs('author', 'release')).statusCode).toBe(409);
    expect((await exportAs('author', 'sideways')).statusCode).toBe(400);
  });
});

describe('POST /api/v1/course-packages', () => {
  function importAs(role: Role, query: string, payload: Buffer, type = 'application/zip') {
    return world.ctx.app.inject({
      method: 'POST',
      url: `/api/v1/course-packages?${query}`,
      headers: { cookie: sessionCookie(role), origin: ORIGIN, 'content-type': type },
      payload,
    });
  }

  it('asks anonymous callers to sign in', async () => {
    expect((await importAs('anonymous', `mode=new-draft&courseKey=${world.key}`, Buffer.from('PK'))).statusCode).toBe(
      401,
    );
  });

  it('lets an author import a package as the next draft', async () => {
    const response = await importAs('author', `mode=new-draft&courseKey=${world.key}`, draftZip);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ courseKey: world.key, mode: 'new-draft' });
  });

  it('answers a refused package with 400 and one error per problem', async () => {
    const response = await importAs('author', `mode=new-draft&courseKey=${world.key}`, Buffer.from('not a zip at all'));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'package.invalid', errors: [{ field: 'archive' }] });
  });

  it('keeps people without edit rights out before reading the package', async () => {
    expect((await importAs('assistant', `mode=new-draft&courseKey=${world.key}`, draftZip)).statusCode).toBe(403);
    expect((await importAs('otherAdmin', `mode=new-draft&courseKey=${world.key}`, draftZip)).statusCode).toBe(404);
    expect((await importAs('learner', `mode=new-draft&courseKey=${world.key}`, draftZip)).statusCode).toBe(404);
  });

  it('explains a missing target with 400', async () => {
    expect((await importAs('author', 'mode=new-course&key=x-copy', draftZip)).statusCode).toBe(400);
  });
});

function sessionCookie(role: Role): string {
  return world.sessions[role].cookies;
}
