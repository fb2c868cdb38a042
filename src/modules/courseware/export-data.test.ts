import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { createCourseTestHelpers } from '../courses/test-helpers.ts';
import type { Enrollment } from '../enrollment/index.ts';
import {
  insertExportEnrollment,
  publishExportCourse,
  type ExportCourse,
} from '../enrollment/export-data-test-fixtures.ts';
import {
  insertExportCompletion,
  insertExportPosition,
  insertExportVideoProgress,
} from './export-data-test-fixtures.ts';
import { exportLearnerCourseware } from './index.ts';

let handle: DatabaseHandle;
let course: ExportCourse;
let ada: Enrollment;
let bo: Enrollment;
const at = (minute: number) => new Date(Date.UTC(2027, 2, 2, 10, minute));

beforeAll(async () => {
  handle = await createTestDatabase();
  const helpers = createCourseTestHelpers(handle.db);
  course = await publishExportCourse(helpers);
  ada = await insertExportEnrollment(handle.db, course.run, (await helpers.buildUser()).id);
  bo = await insertExportEnrollment(handle.db, course.run, (await helpers.buildUser()).id);
  const { db } = handle;
  await insertExportCompletion(db, {
    enrollmentId: ada.id,
    entityId: course.video.entityId,
    kind: 'watched',
    at: at(9),
  });
  await insertExportCompletion(db, { enrollmentId: ada.id, entityId: course.text.entityId, at: at(1) });
  // A block the run's release no longer has.
  await insertExportCompletion(db, { enrollmentId: ada.id, entityId: 999_999, kind: 'marked', at: at(20) });
  await insertExportVideoProgress(db, {
    enrollmentId: ada.id,
    entityId: course.video.entityId,
    ranges: [
      [0, 42.5],
      [60, 90],
    ],
    durationSeconds: 120,
    positionSeconds: 90,
    at: at(8),
  });
  await insertExportPosition(db, { enrollmentId: ada.id, entityId: course.unit.entityId, at: at(9) });
  await insertExportCompletion(db, { enrollmentId: bo.id, entityId: course.text.entityId, at: at(30) });
  await insertExportVideoProgress(db, {
    enrollmentId: bo.id,
    entityId: course.video.entityId,
    ranges: [[0, 5]],
    durationSeconds: 120,
    positionSeconds: 5,
    at: at(31),
  });
});
afterAll(() => handle.close());

describe('exporting a learner’s courseware progress', () => {
  it('lists completions in time order, naming the run and the block', async () => {
    const { completions } = await exportLearnerCourseware(handle.db, ada.userId);
    const run = { registration: ada.uuid, courseKey: course.cast.course.key, runCode: course.run.code };
    expect(completions).toEqual([
      {
        ...run,
        block: { entityId: course.text.entityId, uuid: course.text.uuid, key: course.text.key, title: 'Welcome' },
        kind: 'viewed',
        completedAt: at(1).toISOString(),
      },
      {
        ...run,
        block: {
          entityId: course.video.entityId,
          uuid: course.video.uuid,
          key: course.video.key,
          title: 'A tour of the data',
        },
        kind: 'watched',
        completedAt: at(9).toISOString(),
      },
      {
        ...run,
        block: { entityId: 999_999, uuid: null, key: null, title: null },
        kind: 'marked',
        completedAt: at(20).toISOString(),
      },
    ]);
  });

  it('includes what was watched of each video and where the learner last was', async () => {
    const { videoProgress, positions } = await exportLearnerCourseware(handle.db, ada.userId);
    expect(videoProgress).toEqual([
      expect.objectContaining({
        block: expect.objectContaining({ uuid: course.video.uuid }),
        watchedRanges: [
          [0, 42.5],
          [60, 90],
        ],
        durationSeconds: 120,
        positionSeconds: 90,
        updatedAt: at(8).toISOString(),
      }),
    ]);
    expect(positions).toEqual([
      expect.objectContaining({
        registration: ada.uuid,
        unit: { entityId: course.unit.entityId, uuid: course.unit.uuid, key: course.unit.key, title: 'Records' },
        visitedAt: at(9).toISOString(),
      }),
    ]);
  });

  it('never includes another learner’s rows, and is empty for someone never enrolled', async () => {
    const exported = await exportLearnerCourseware(handle.db, bo.userId);
    expect(exported.completions).toHaveLength(1);
    expect(exported.videoProgress).toHaveLength(1);
    expect(exported.positions).toEqual([]);
    expect(JSON.stringify(exported)).not.toContain(ada.uuid);
    expect(await exportLearnerCourseware(handle.db, '00000000-0000-4000-8000-000000000000')).toEqual({
      completions: [],
      videoProgress: [],
      positions: [],
    });
  });
});
