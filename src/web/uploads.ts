import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A file posted from a form, held in memory up to the configured upload limit. */
export type UploadedFile = { filename: string; declaredType: string; bytes: Buffer };

function isUploadedFile(value: unknown): value is UploadedFile {
  return (
    typeof value === 'object' &&
    value !== null &&
    Buffer.isBuffer((value as UploadedFile).bytes) &&
    typeof (value as UploadedFile).filename === 'string'
  );
}

class MalformedUploadError extends Error {
  override name = 'MalformedUploadError';
  readonly statusCode = 400;
  readonly code = 'ORBIS_MALFORMED_MULTIPART';
  constructor() {
    super('The form upload could not be read; please choose the file again and resend the form.');
  }
}

function hasStatus(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && typeof (error as { statusCode?: unknown }).statusCode === 'number'
  );
}

/** Reads every part into a plain object: fields as strings, the file as an UploadedFile. */
async function readMultipartBody(request: FastifyRequest): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        body[part.fieldname] = { filename: part.filename, declaredType: part.mimetype, bytes } satisfies UploadedFile;
      } else if (typeof part.value === 'string') {
        body[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    // The plugin's own limits carry a status (413, 400); anything else is a broken body.
    if (hasStatus(error)) throw error;
    throw new MalformedUploadError();
  }
  return body;
}

/**
 * Multipart forms arrive as plain key/value bodies (files as UploadedFile), so the CSRF check and
 * the form parsing of page routes work unchanged. Files are capped by ORBIS_UPLOAD_MAX_BYTES: a
 * larger one fails with 413 before it reaches a service; a malformed body fails with 400.
 */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: app.platform.config.uploadMaxBytes, files: 1, fields: 200, parts: 201 },
  });
  // A callback hook: only multipart requests need to wait, every other one passes straight on.
  app.addHook('preValidation', (request, _reply, done) => {
    if (!request.isMultipart()) return done();
    readMultipartBody(request).then((body) => {
      request.body = body;
      done();
    }, done);
  });
}

/** The file a form posted under `field`, or null when none was chosen (browsers post an empty part). */
export function readUploadedFile(body: unknown, field: string): UploadedFile | null {
  if (typeof body !== 'object' || body === null) return null;
  const value = (body as Record<string, unknown>)[field];
  if (!isUploadedFile(value) || value.bytes.length === 0) return null;
  return value;
}
