import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { createCourseTestHelpers } from '../courses/test-helpers.ts';
import { insertExportEnrollment, publishExportCourse, type ExportCourse } from './export-data-test-fixtures.ts';
import { exportLearnerEnrollments, loadEnrollmentsForExport } from './index.ts';

let handle: DatabaseHandle;
let first: ExportCourse;
let second: ExportCourse;
let ada: { id: string };
let bo: { id: string };

beforeAll(async () => {
  handle = await createTestDatabase();
  const helpers = createCourseTestHelpers(handle.db);
  first = await publishExportCourse(helpers, { title: 'Climate Data 101' });
  second = await publishExportCourse(helpers, { title: 'Circular Design', runCode: 'spring' });
  ada = await helpers.buildUser();
  bo = await helpers.buildUser();
  await insertExportEnrollment(handle.db, second.run, ada.id, {
    enrolledAt: new Date('2027-01-10T08:00:00Z'),
    status: 'unenrolled',
  });
  await insertExportEnrollment(handle.db, first.run, ada.id, { enrolledAt: new Date('2027-02-01T08:00:00Z') });
  await insertExportEnrollment(handle.db, first.run, bo.id);
});
afterAll(() => handle.close());

describe('exporting a learner’s enrollments', () => {
  it('lists every enrollment of the person, left ones too, oldest first, with course and run', async () => {
    const exported = await exportLearnerEnrollments(handle.db, ada.id);
    expect(exported).toHaveLength(2);
    expect(exported[0]).toMatchObject({
      course: { key: second.cast.course.key, uuid: second.cast.course.uuid, title: { en: 'Circular Design' } },
      run: { code: 'spring', uuid: second.run.uuid, pacing: 'self_paced', language: 'en', startsAt: null },
      mode: 'audit',
      status: 'unenrolled',
      source: 'self',
      enrolledAt: '2027-01-10T08:00:00.000Z',
      unenrolledAt: '2027-01-10T08:00:00.000Z',
    });
    expect(exported[1]).toMatchObject({ course: { key: first.cast.course.key }, status: 'active', unenrolledAt: null });
    expect(exported[1]!.registration).toMatch(/^[0-9a-f-]{36}$/);
    // Plain JSON: what goes in comes back out of a round trip unchanged.
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
  });

  it('never includes anyone else’s enrollment, and is empty for someone never enrolled', async () => {
    const exported = await exportLearnerEnrollments(handle.db, bo.id);
    expect(exported.map((entry) => entry.course.key)).toEqual([first.cast.course.key]);
    expect(JSON.stringify(exported)).not.toContain(ada.id);
    expect(await exportLearnerEnrollments(handle.db, '00000000-0000-4000-8000-000000000000')).toEqual([]);
  });

  it('gives the other exports the run’s content by entity id', async () => {
    const [, entry] = await loadEnrollmentsForExport(handle.db, ada.id);
    expect(entry!.content.get(first.unit.entityId)).toMatchObject({ kind: 'unit', title: 'Records' });
    expect(entry!.content.get(first.quizzes.never.entityId)).toMatchObject({
      kind: 'block',
      uuid: first.quizzes.never.uuid,
      key: first.quizzes.never.key,
      title: 'Exam',
      block: { type: 'quiz', reveal: 'never' },
    });
  });
});
