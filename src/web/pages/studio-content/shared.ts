import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, invalid, isDomainError, notFound } from '../../../platform/errors/index.ts';
import { localize } from '../../../modules/institutions/index.ts';
import {
  getCourseAccess,
  getDraftTree,
  type CourseCapability,
  type CourseTree,
  type LoadedCourse,
  type TreeBlock,
  type TreeSection,
  type TreeUnit,
} from '../../../modules/courses/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import type { FieldErrors } from '../../views/forms.tsx';

import { redirectAnonymous as redirectToSignIn, serviceContext } from '../institutions/shared.ts';
import { pickOwnEntry } from '../../http.ts';

export type { FieldErrors };

/** A course as the studio shows it: the draft, what the viewer may do, its title in their language. */
export type StudioCourse = {
  course: LoadedCourse;
  capabilities: Set<CourseCapability>;
  tree: CourseTree;
  title: string;
  canEdit: boolean;
  canPublish: boolean;
};

export { serviceContext };

export const coursePath = (key: string, rest = ''): string => `/studio/courses/${encodeURIComponent(key)}${rest}`;
export const blockPath = (key: string, blockKey: string, rest = ''): string =>
  coursePath(key, `/blocks/${encodeURIComponent(blockKey)}${rest}`);
export const questionPath = (key: string, blockKey: string, questionId: string, rest = ''): string =>
  blockPath(key, blockKey, `/questions/${encodeURIComponent(questionId)}${rest}`);
export const withNotice = (path: string, notice: string): string => `${path}?notice=${encodeURIComponent(notice)}`;

/** Anonymous visitors go to sign in and come back to the course; returns true when it redirected. */
export function redirectAnonymous(request: FastifyRequest<{ Params: { key: string } }>, reply: FastifyReply): boolean {
  return redirectToSignIn(request, reply, request.method === 'GET' ? request.url : coursePath(request.params.key));
}

/**
 * Loads a course's draft for the studio. Anyone who may not read the draft gets "not found",
 * whether or not the course is published, so the studio never confirms a course to outsiders.
 */
export async function loadStudioCourse(request: FastifyRequest, key: string): Promise<StudioCourse> {
  const ctx = serviceContext(request);
  const { course, capabilities } = await getCourseAccess(ctx, key);
  if (!capabilities.has('view_draft')) throw notFound('course');
  const tree = await getDraftTree(ctx, key);
  return {
    course,
    capabilities,
    tree,
    title: localize(tree.metadata.title, request.t.locale),
    canEdit: capabilities.has('edit_content'),
    canPublish: capabilities.has('publish'),
  };
}

/** Edits are refused before their input is read, so a reader learns nothing from validation. */
export function requireEdit(studio: StudioCourse): void {
  if (!studio.canEdit) throw forbidden();
}

export function requirePublish(studio: StudioCourse): void {
  if (!studio.canPublish) throw forbidden();
}

export type BlockPlace = { section: TreeSection; unit: TreeUnit; block: TreeBlock; index: number };

export function findBlock(tree: CourseTree, blockKey: string): BlockPlace {
  for (const section of tree.sections) {
    for (const unit of section.units) {
      const index = unit.blocks.findIndex((block) => block.key === blockKey);
      if (index >= 0) return { section, unit, block: unit.blocks[index]!, index };
    }
  }
  throw notFound('block');
}

export function findUnit(tree: CourseTree, unitKey: string): { section: TreeSection; unit: TreeUnit; index: number } {
  for (const section of tree.sections) {
    const index = section.units.findIndex((unit) => unit.key === unitKey);
    if (index >= 0) return { section, unit: section.units[index]!, index };
  }
  throw notFound('unit');
}

export function findSection(tree: CourseTree, sectionKey: string): { section: TreeSection; index: number } {
  const index = tree.sections.findIndex((section) => section.key === sectionKey);
  if (index < 0) throw notFound('section');
  return { section: tree.sections[index]!, index };
}

/** Reads a form field as a string (trimmed unless asked not to), whatever the body looks like. */
export function readField(body: unknown, name: string, trim = true): string {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  const text = typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
  return trim ? text.trim() : text;
}

/** Repeated fields arrive as a string for one value and an array for several. */
export function readList(body: unknown, name: string): string[] {
  if (!body || typeof body !== 'object') return [];
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export const isChecked = (body: unknown, name: string): boolean => readField(body, name) !== '';

/** The field each service error path points at in the studio's forms, with its message. */
const FIELD_MESSAGES: Record<string, MessageKey> = {
  title: 'studioContent.error.title',
  body: 'studioContent.error.body',
  url: 'studioContent.error.url',
  source: 'studioContent.error.source',
  captions: 'studioContent.error.captions',
  posterMediaId: 'studioContent.error.media',
  mediaId: 'studioContent.error.media',
  durationSeconds: 'studioContent.error.duration',
  description: 'studioContent.error.description',
  assignmentType: 'studioContent.error.assignmentType',
  attemptsAllowed: 'studioContent.error.attempts',
  prompt: 'studioContent.error.prompt',
  choices: 'studioContent.error.choices',
  answer: 'studioContent.error.answer',
  tolerance: 'studioContent.error.tolerance',
  acceptedAnswers: 'studioContent.error.acceptedAnswers',
  points: 'studioContent.error.points',
  explanation: 'studioContent.error.explanation',
  message: 'studioContent.error.message',
};

/** The form field a service error path belongs to: `source.url` → `source`, `questions.2.prompt` → `prompt`. */
function fieldOf(path: string, prefix: string): string | null {
  if (prefix && !path.startsWith(prefix)) return null;
  const rest = path.slice(prefix.length).split('.');
  return rest[0] ?? null;
}

/**
 * Turns a service's `invalid` error into translated per-field messages; any other error is
 * rethrown for the error handler. `prefix` keeps only the errors of one question of a quiz.
 */
export function fieldErrorsFrom(error: unknown, prefix = ''): FieldErrors {
  if (!isDomainError(error) || error.kind !== 'invalid') throw error;
  const fields = Array.isArray(error.details.fields) ? (error.details.fields as Array<{ field: string }>) : [];
  const errors: FieldErrors = {};
  for (const { field } of fields) {
    const name = fieldOf(field, prefix);
    if (name) errors[name] ??= FIELD_MESSAGES[name] ?? 'studioContent.error.other';
  }
  if (Object.keys(errors).length === 0) errors._ = 'studioContent.error.other';
  return errors;
}

export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;

export const BLOCK_TYPE_LABELS = {
  text: 'studioContent.type.text',
  video: 'studioContent.type.video',
  file: 'studioContent.type.file',
  quiz: 'studioContent.type.quiz',
  link: 'studioContent.type.link',
  discussion: 'studioContent.type.discussion',
} as const satisfies Record<string, MessageKey>;

export const QUESTION_KIND_LABELS = {
  single_choice: 'studioContent.kind.single_choice',
  multiple_choice: 'studioContent.kind.multiple_choice',
  numeric: 'studioContent.kind.numeric',
  short_text: 'studioContent.kind.short_text',
} as const satisfies Record<string, MessageKey>;

export type Notice = { kind: 'error' | 'success'; key: MessageKey };

const NOTICES: Record<string, Notice> = {
  saved: { kind: 'success', key: 'studioContent.notice.saved' },
  created: { kind: 'success', key: 'studioContent.notice.created' },
  deleted: { kind: 'success', key: 'studioContent.notice.deleted' },
  moved: { kind: 'success', key: 'studioContent.notice.moved' },
  published: { kind: 'success', key: 'studioContent.notice.published' },
  reverted: { kind: 'success', key: 'studioContent.notice.reverted' },
  'nothing-to-publish': { kind: 'error', key: 'studioContent.notice.nothingToPublish' },
  'confirm-revert': { kind: 'error', key: 'studioContent.notice.confirmRevert' },
  gone: { kind: 'error', key: 'studioContent.notice.gone' },
};

export function readNotice(request: FastifyRequest): Notice | undefined {
  return pickOwnEntry(NOTICES, readField(request.query, 'notice'));
}

/** Where an up/down button or a dragged item asks to go: an explicit position wins. */
export function targetPosition(body: unknown, index: number, count: number): number {
  const position = readField(body, 'position');
  if (/^\d{1,4}$/.test(position)) return Math.min(Number(position), count - 1);
  const direction = readField(body, 'direction');
  if (direction === 'up') return Math.max(index - 1, 0);
  if (direction === 'down') return Math.min(index + 1, count - 1);
  throw invalid('move.invalid', 'Say where to move: up, down or a position.');
}
