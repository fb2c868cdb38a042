import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieHeader, createTestApp, type TestContext } from '../../../test/support/app.ts';
import {
  addBlock,
  addSection,
  addUnit,
  publishCourse,
  uploadMedia,
  type MediaAsset,
} from '../../modules/courses/index.ts';
import { createCourseTestHelpers, type CourseCast } from '../../modules/courses/test-helpers.ts';

let ctx: TestContext;
let cast: CourseCast;
let pdf: MediaAsset;
let video: MediaAsset;
let draftOnly: MediaAsset;
const cookies: Record<string, string> = {};

const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const VIDEO_BYTES = fs.readFileSync('src/server/demo-media/welcome.mp4');

async function signInAs(email: string): Promise<string> {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in/email',
    headers: { 'content-type': 'application/json', origin: ctx.config.baseUrl },
    payload: { email, password: 'a-long-test-password' },
  });
  return cookieHeader(response.headers['set-cookie']);
}

beforeAll(async () => {
  ctx = await createTestApp();
  const helpers = createCourseTestHelpers(ctx.platform.db);
  cast = await helpers.buildCourseWithTeam();
  const lead = cast.leadInstructor.ctx;
  const key = cast.course.key;
  const storage = ctx.platform.storage;
  pdf = await uploadMedia(lead, storage, key, {
    purpose: 'file',
    filename: 'Reading list – week 1.pdf',
    bytes: PDF_BYTES,
  });
  video = await uploadMedia(lead, storage, key, { purpose: 'video', filename: 'welcome.mp4', bytes: VIDEO_BYTES });
  draftOnly = await uploadMedia(lead, storage, key, { purpose: 'file', filename: 'draft.pdf', bytes: PDF_BYTES });
  const section = await addSection(lead, key, { title: 'Week 1' });
  const unit = await addUnit(lead, key, section.key, { title: 'Welcome' });
  await addBlock(lead, key, unit.key, { type: 'file', title: 'Reading list', mediaId: pdf.uuid });
  await addBlock(lead, key, unit.key, {
    type: 'video',
    title: 'Welcome',
    source: { kind: 'upload', mediaId: video.uuid },
  });
  cookies.author = await signInAs(cast.author.user.email);
  cookies.learner = await signInAs(cast.learner.user.email);
  cookies.otherAdmin = await signInAs(cast.otherAdmin.user.email);
});
afterAll(() => ctx.close());

function get(url: string, who?: string, headers: Record<string, string> = {}) {
  return ctx.app.inject({ method: 'GET', url, headers: { ...headers, ...(who ? { cookie: cookies[who]! } : {}) } });
}

describe('course media before the course is published', () => {
  it.each([
    ['anonymous', undefined, 404],
    ['a learner', 'learner', 404],
    ['an admin of another institution', 'otherAdmin', 404],
    ['an author of the course', 'author', 200],
  ])('answers %s with %i', async (_who, who, status) => {
    const response = await get(`/media/${pdf.uuid}`, who);
    expect(response.statusCode).toBe(status);
    if (status === 200) expect(response.headers['cache-control']).toContain('private');
  });
});

describe('course media once a release uses them', () => {
  beforeAll(async () => {
    await publishCourse(cast.leadInstructor.ctx, cast.course.key, { message: 'First edition' });
  });

  it('serves a document to anyone as an attachment with its name, never sniffed', async () => {
    const response = await get(`/media/${pdf.uuid}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment;.*filename\*=UTF-8''Reading%20list%20%E2%80%93%20week%201\.pdf/,
    );
    expect(response.headers['cache-control']).toContain('public');
    expect(response.rawPayload.equals(PDF_BYTES)).toBe(true);
  });

  it('serves byte ranges of a video so players can seek', async () => {
    const response = await get(`/media/${video.uuid}/welcome.mp4`, undefined, { range: 'bytes=100-199' });
    expect(response.statusCode).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 100-199/${VIDEO_BYTES.length}`);
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.rawPayload.equals(VIDEO_BYTES.subarray(100, 200))).toBe(true);
    expect(response.headers['content-disposition']).toMatch(/^inline/);
  });

  it('keeps a file no release uses private', async () => {
    expect((await get(`/media/${draftOnly.uuid}`)).statusCode).toBe(404);
    expect((await get(`/media/${draftOnly.uuid}`, 'author')).statusCode).toBe(200);
  });

  it('answers 404 for unknown and malformed addresses', async () => {
    expect((await get('/media/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
    expect((await get('/media/not-a-uuid')).statusCode).toBe(404);
  });
});
