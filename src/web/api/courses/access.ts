import type { FastifyRequest } from 'fastify';
import { courseKeySchema, getCourseAccess, type CourseCapability } from '../../../modules/courses/index.ts';
import { forbidden } from '../../../platform/errors/index.ts';
import { requireViewer, serviceContextOf } from '../guards.ts';

/**
 * Route hook for staff operations: 401 for nobody, 404 for a course the caller cannot see, 403
 * for one they see but may not change. It runs before the body is validated, so an outsider
 * learns nothing from validation messages about a course they may not touch. The services
 * check the same capability again.
 */
export function requireCourseCapability(capability: CourseCapability) {
  return async function checkCourseCapability(request: FastifyRequest): Promise<void> {
    requireViewer(request);
    const { key } = request.params as { key?: unknown };
    // A malformed key is left to validation, which explains it with a 400.
    if (!courseKeySchema.safeParse(key).success) return;
    const { capabilities } = await getCourseAccess(serviceContextOf(request), key as string);
    if (!capabilities.has(capability))
      throw forbidden('You are not on this course’s team, or your role does not allow this.');
  };
}
