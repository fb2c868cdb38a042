import type { CourseRun, LoadedCourse } from '../courses/index.ts';
import type { ENROLLMENT_MODES, ENROLLMENT_SOURCES, ENROLLMENT_STATUSES } from './schema.ts';

export type EnrollmentMode = (typeof ENROLLMENT_MODES)[number];
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
export type EnrollmentSource = (typeof ENROLLMENT_SOURCES)[number];

export type Enrollment = {
  id: number;
  /** Also the xAPI registration of everything the learner does in the run. */
  uuid: string;
  runId: number;
  courseId: number;
  userId: string;
  mode: EnrollmentMode;
  status: EnrollmentStatus;
  source: EnrollmentSource;
  enrolledAt: Date;
  unenrolledAt: Date | null;
};

/**
 * Everything a learning page or service needs about where the learner is: the course, the run
 * (whose release is what they see) and their active enrollment.
 */
export type LearnerRun = {
  course: LoadedCourse;
  run: CourseRun;
  enrollment: Enrollment;
};
