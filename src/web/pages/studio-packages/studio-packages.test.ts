import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPackageWorld, type PackageWorld } from './test-world.ts';

let world: PackageWorld;

beforeAll(async () => {
  world = await createPackageWorld();
});
afterAll(async () => world.close());

const isSignIn = (location: unknown) => typeof location === 'string' && location.startsWith('/sign-in');

describe('the export page and download', () => {
  for (const path of ['/export', '/package?side=draft']) {
    it(`sends anonymous visitors to sign in, hides ${path} from outsiders and forbids assistants`, async () => {
      const url = `/studio/courses/${world.key}${path}`;
      expect(isSignIn((await world.get('anonymous', url)).headers.location)).toBe(true);
      expect((await world.get('learner', url)).statusCode).toBe(404);
      expect((await world.get('otherAdmin', url)).statusCode).toBe(404);
      expect((await world.get('assistant', url)).statusCode).toBe(403);
    });
  }

  it('offers authors the draft, and downloads it as a zip attachment', async () => {
    const page = await world.get('author', `/studio/courses/${world.key}/export`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/studio/courses/${world.key}/package?side=draft`);
    const download = await world.get('author', `/studio/courses/${world.key}/package?side=draft`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['content-disposition']).toContain('attachment');
  });
});

describe('the import form', () => {
  it('sends anonymous visitors to sign in and shows the form to anyone signed in', async () => {
    expect(isSignIn((await world.get('anonymous', '/studio/import')).headers.location)).toBe(true);
    const page = await world.get('author', `/studio/import?mode=new-draft&courseKey=${world.key}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
  });

  it('imports an exported draft as the next draft and redirects to the course', async () => {
    const zip = (await world.get('author', `/studio/courses/${world.key}/package?side=draft`)).rawPayload;
    const response = await world.postForm(
      'author',
      '/studio/import',
      { mode: 'new-draft', courseKey: world.key },
      { name: 'c.zip', bytes: zip },
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/studio/courses/${world.key}`);
  });

  it('imports a package as a new course led by the lead instructor’s institution', async () => {
    const zip = (await world.get('lead', `/studio/courses/${world.key}/package?side=draft`)).rawPayload;
    const key = `${world.key}-copy`;
    const response = await world.postForm(
      'lead',
      '/studio/import',
      { mode: 'new-course', key, leadInstitution: String(world.cast.lead.id) },
      { name: 'c.zip', bytes: zip },
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/studio/courses/${key}`);
  });

  it('lists the problems of a refused package and keeps the form', async () => {
    const response = await world.postForm(
      'author',
      '/studio/import',
      { mode: 'new-draft', courseKey: world.key },
      { name: 'bad.zip', bytes: Buffer.from('no zip here') },
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The file is not a zip archive.');
  });

  it('refuses a learner’s import into a course they cannot see', async () => {
    const response = await world.postForm(
      'learner',
      '/studio/import',
      { mode: 'new-draft', courseKey: world.key },
      { name: 'c.zip', bytes: Buffer.from('PK') },
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('not a zip archive');
  });
});
