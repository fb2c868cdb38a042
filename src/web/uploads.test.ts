import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Platform } from './context.ts';
import { readUploadedFile, registerUploads } from './uploads.ts';

function multipartBody(parts: { name: string; value: string | Buffer; filename?: string }[]) {
  const boundary = 'orbis-test-boundary';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.filename
      ? `form-data; name="${part.name}"; filename="${part.filename}"`
      : `form-data; name="${part.name}"`;
    const type = part.filename ? 'Content-Type: application/octet-stream\r\n' : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function buildUploadApp(maxBytes: number) {
  const app = Fastify();
  app.decorate('platform', { config: { uploadMaxBytes: maxBytes } } as unknown as Platform);
  await registerUploads(app);
  app.post('/upload', async (request) => {
    const file = readUploadedFile(request.body, 'file');
    const fields = request.body as Record<string, unknown>;
    return { csrf: fields._csrf, filename: file?.filename ?? null, size: file?.bytes.length ?? null };
  });
  return app;
}

describe('form uploads', () => {
  it('give the route plain fields and the file with its name and bytes', async () => {
    const app = await buildUploadApp(1000);
    const body = multipartBody([
      { name: '_csrf', value: 'token-1' },
      { name: 'file', value: Buffer.alloc(10, 1), filename: 'notes.pdf' },
    ]);
    const response = await app.inject({
      method: 'POST',
      url: '/upload',
      payload: body.payload,
      headers: { 'content-type': body.contentType },
    });
    expect(response.json()).toEqual({ csrf: 'token-1', filename: 'notes.pdf', size: 10 });
  });

  it('treat an empty file part as no file', async () => {
    const app = await buildUploadApp(1000);
    const body = multipartBody([{ name: 'file', value: Buffer.alloc(0), filename: '' }]);
    const response = await app.inject({
      method: 'POST',
      url: '/upload',
      payload: body.payload,
      headers: { 'content-type': body.contentType },
    });
    expect(response.json().filename).toBeNull();
  });

  it('refuse a file over the limit with 413', async () => {
    const app = await buildUploadApp(100);
    const body = multipartBody([{ name: 'file', value: Buffer.alloc(500, 2), filename: 'big.bin' }]);
    const response = await app.inject({
      method: 'POST',
      url: '/upload',
      payload: body.payload,
      headers: { 'content-type': body.contentType },
    });
    expect(response.statusCode).toBe(413);
  });
});

describe('broken form uploads', () => {
  it.each([
    ['multipart/form-data', 'abc'],
    ['multipart/form-data; boundary=b', 'garbage'],
    ['multipart/form-data; boundary=b', '{}'],
  ])('answer 400, not 500 (%s)', async (contentType, payload) => {
    const app = await buildUploadApp(1000);
    for (const url of ['/upload', '/nowhere']) {
      const response = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
      expect(response.statusCode).toBeLessThan(500);
    }
  });
});
