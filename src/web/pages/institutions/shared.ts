import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../../platform/access/index.ts';
import { isDomainError, notFound } from '../../../platform/errors/index.ts';
import {
  canViewInstitution,
  getInstitutionByKey,
  localize,
  type Institution,
  type InstitutionRole,
  type InstitutionType,
  type MembershipStatus,
} from '../../../modules/institutions/index.ts';
import type { WorldRegion } from '../../../platform/i18n/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { redirectTo } from '../../render.tsx';

/** Field name → message key of what is wrong with it. */
export type { FieldErrors } from '../../views/forms.tsx';
import type { FieldErrors } from '../../views/forms.tsx';

export function serviceContext(request: FastifyRequest): ServiceContext {
  const { db, clock } = request.server.platform;
  return { db, clock, actor: request.viewer?.actor ?? null };
}

/** Anonymous visitors are sent to sign in and brought back; returns true when it redirected. */
export function redirectAnonymous(request: FastifyRequest, reply: FastifyReply, back = request.url): boolean {
  if (request.viewer) return false;
  void redirectTo(reply, `/sign-in?next=${encodeURIComponent(back)}`);
  return true;
}

/** An institution the viewer may see; unlisted ones look like unknown ones to everyone else. */
export async function loadVisibleInstitution(request: FastifyRequest, key: string): Promise<Institution> {
  const institution = await getInstitutionByKey(request.server.platform.db, key);
  if (!institution || !canViewInstitution(request.viewer?.actor ?? null, institution)) throw notFound('institution');
  return institution;
}

export const nameOf = (institution: Pick<Institution, 'name'>, t: T): string => localize(institution.name, t.locale);
export const typeLabel = (t: T, type: InstitutionType): string => t.t(`institutions.type.${type}`);
export const statusLabel = (t: T, status: MembershipStatus): string => t.t(`institutions.status.${status}`);
export const roleLabel = (t: T, role: InstitutionRole): string => t.t(`institutions.role.${role}`);
export const regionLabel = (t: T, region: WorldRegion): string => t.t(`institutions.region.${region}`);

/** Dates joined are calendar dates; formatting them at UTC keeps the day from shifting. */
export function formatDay(t: T, isoDate: string): string {
  return t.formatDate(new Date(`${isoDate}T00:00:00Z`));
}

const FIELD_MESSAGES: Record<string, MessageKey> = {
  'name.en': 'institutions.error.name.en',
  name: 'institutions.error.name.en',
  shortName: 'institutions.error.shortName',
  city: 'institutions.error.city',
  website: 'institutions.error.website',
  logoUrl: 'institutions.error.logoUrl',
  key: 'institutions.error.key',
  country: 'institutions.error.country',
  type: 'institutions.error.type',
  membershipStatus: 'institutions.error.membershipStatus',
  email: 'institutions.error.email',
  role: 'institutions.error.role',
};

/**
 * Turns a service's `invalid` error into translated per-field messages; any other error is
 * rethrown for the error handler.
 */
export function fieldErrorsFrom(error: unknown): FieldErrors {
  if (!isDomainError(error) || error.kind !== 'invalid') throw error;
  const fields = Array.isArray(error.details.fields) ? (error.details.fields as Array<{ field: string }>) : [];
  const errors: FieldErrors = {};
  for (const { field } of fields) {
    const name = field.startsWith('description') ? 'description' : field;
    errors[name] ??=
      FIELD_MESSAGES[name] ?? (name === 'description' ? 'institutions.error.description' : 'institutions.error.other');
  }
  if (Object.keys(errors).length === 0) errors._ = 'institutions.error.other';
  return errors;
}

/** Reads a form field as a trimmed string, whatever the body looks like. */
export function readField(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Checkbox groups arrive as a string for one box and an array for several. */
export function readList(body: unknown, name: string): string[] {
  if (!body || typeof body !== 'object') return [];
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
