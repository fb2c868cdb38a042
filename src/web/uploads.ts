import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

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

/**
 * Multipart forms arrive as plain key/value bodies (files as UploadedFile), so the CSRF check and
 * the form parsing of page routes work unchanged. Files are capped by ORBIS_UPLOAD_MAX_BYTES: a
 * larger one fails with 413 before it reaches a service.
 */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: app.platform.config.uploadMaxBytes, files: 1, fields: 200, parts: 201 },
    async onFile(part: MultipartFile) {
      const bytes = await part.toBuffer();
      const file: UploadedFile = { filename: part.filename, declaredType: part.mimetype, bytes };
      (part as MultipartFile & { value: UploadedFile }).value = file;
    },
  });
}

/** The file a form posted under `field`, or null when none was chosen (browsers post an empty part). */
export function readUploadedFile(body: unknown, field: string): UploadedFile | null {
  if (typeof body !== 'object' || body === null) return null;
  const value = (body as Record<string, unknown>)[field];
  if (!isUploadedFile(value) || value.bytes.length === 0) return null;
  return value;
}
