import type { Executor } from '../../platform/db/index.ts';

/** What changed about a course in a way readers outside the studio can see. */
export type CourseChange = { courseId: number; kind: 'published' | 'runs' | 'owners' };
export type CourseChangeListener = (tx: Executor, change: CourseChange) => Promise<void>;

const listeners = new Set<CourseChangeListener>();

/**
 * Consumers (the catalog, later feeds) keep derived data in step by listening here. Listeners
 * run inside the writing transaction, so derived data commits or rolls back with the change.
 * Returns a function that unregisters the listener.
 */
export function registerCourseChangeListener(listener: CourseChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function notifyCourseChanged(tx: Executor, change: CourseChange): Promise<void> {
  for (const listener of [...listeners]) await listener(tx, change);
}
