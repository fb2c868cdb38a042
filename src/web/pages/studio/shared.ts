import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  getCourseAccess,
  getDraftMetadata,
  type CourseCapability,
  type CourseMetadata,
  type LoadedCourse,
  type TeamRole,
} from '../../../modules/courses/index.ts';
import { localize, type LocalizedText } from '../../../modules/institutions/index.ts';
import { forbidden, isDomainError } from '../../../platform/errors/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import type { FieldErrors } from '../../views/forms.tsx';

export { readField, readList, redirectAnonymous, serviceContext } from '../institutions/shared.ts';
export type { FieldErrors };
import { redirectAnonymous, serviceContext } from '../institutions/shared.ts';
import { pickOwnEntry } from '../../http.ts';

export type Notice = { kind: 'error' | 'success'; key: MessageKey };

export const localized = (text: LocalizedText | null | undefined, t: T): string => localize(text, t.locale);
export const teamRoleLabel = (t: T, role: TeamRole): string => t.t(`studio.teamRole.${role}`);

/** A course as the studio sees it: what the viewer may do, and its draft description. */
export type StudioCourse = {
  course: LoadedCourse;
  capabilities: Set<CourseCapability>;
  metadata: CourseMetadata;
  title: string;
};

/**
 * Loads a course for a studio page. A published course is visible to everyone, but the studio
 * is for its staff: anyone who cannot read the draft is refused.
 */
export async function loadStudioCourse(request: FastifyRequest, key: string): Promise<StudioCourse> {
  const ctx = serviceContext(request);
  const { course, capabilities } = await getCourseAccess(ctx, key);
  if (!capabilities.has('view_draft')) throw forbidden();
  const metadata = await getDraftMetadata(ctx, key);
  return { course, capabilities, metadata, title: localized(metadata.title, request.t) };
}

/** Loads the course for a POST, or redirects an anonymous visitor to sign in and returns null. */
export async function courseForPost(
  request: FastifyRequest<{ Params: { key: string } }>,
  reply: FastifyReply,
  back: string,
): Promise<StudioCourse | null> {
  if (redirectAnonymous(request, reply, back)) return null;
  return loadStudioCourse(request, request.params.key);
}

export function requireCapability(studio: StudioCourse, capability: CourseCapability): void {
  if (!studio.capabilities.has(capability)) throw forbidden();
}

/** The `invalid` error's fields as `path → service message`, or null for any other error. */
export function invalidFields(error: unknown): Array<{ field: string; message: string }> | null {
  if (!isDomainError(error) || error.kind !== 'invalid') return null;
  const fields = Array.isArray(error.details.fields) ? (error.details.fields as Array<{ field: string }>) : [];
  return fields.map((entry) => ({ field: entry.field, message: (entry as { message?: string }).message ?? '' }));
}

/**
 * Maps a service's `invalid` error to per-field messages with a lookup from field path to
 * message key; the path's first segment decides when the whole path is not listed.
 */
export function fieldErrorsFor(error: unknown, messages: Record<string, MessageKey>): FieldErrors {
  const fields = invalidFields(error);
  if (!fields) throw error;
  const errors: FieldErrors = {};
  for (const { field } of fields) {
    const segments = field.split('.');
    const name = segments.slice(0, 2).join('.') in messages ? segments.slice(0, 2).join('.') : segments[0]!;
    errors[name] ??= messages[name] ?? 'studio.error.other';
  }
  if (Object.keys(errors).length === 0) errors._ = 'studio.error.other';
  return errors;
}

/** Notices come back through the address after a redirect; unknown ones are ignored. */
export function noticeFrom(request: FastifyRequest, notices: Record<string, Notice>): Notice | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.notice;
  return pickOwnEntry(notices, value);
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Ids in the address are UUIDs; anything else becomes one that matches nothing. */
export function asUuid(value: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value : NIL_UUID;
}

/** A number typed into a form: empty is null, anything unreadable is NaN so validation names it. */
export function parseNumberField(value: string): number | null {
  if (value === '') return null;
  const normalized = value.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : Number.NaN;
}

/** Institution ids from forms and addresses: small positive integers, anything else becomes 0 (matches nothing). */
export function asId(value: string): number {
  return /^[1-9]\d{0,8}$/.test(value) ? Number(value) : 0;
}
