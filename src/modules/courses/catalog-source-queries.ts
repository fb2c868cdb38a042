import { isNotNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { crsCourse } from './schema.ts';

export async function selectPublishedCourseIds(executor: Executor): Promise<number[]> {
  const rows = await executor.select({ id: crsCourse.id }).from(crsCourse).where(isNotNull(crsCourse.latestReleaseId));
  return rows.map((row) => row.id);
}
