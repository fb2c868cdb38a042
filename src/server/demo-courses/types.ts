import type { Clock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { ObjectStorage } from '../../platform/storage/index.ts';
import type { BlockInput, CourseMetadataInput, NewRun, TeamRole } from '../../modules/courses/index.ts';

/** A video whose files live in `src/server/demo-media/`; they are uploaded before the block is added. */
export type DemoVideoBlock = {
  type: 'demo_video';
  title: string;
  videoFile: string;
  posterFile: string;
  captions: readonly { language: string; label: string; file: string }[];
  durationSeconds: number;
};

/**
 * A block as an author adds it. Most keys are generated; a block that other demo data or the
 * docs point at (a discussion's forum topic is `block:<key>`) is given a fixed one.
 */
export type DemoBlock = (BlockInput | DemoVideoBlock) & { key?: string };

export type DemoUnit = { title: string; blocks: readonly DemoBlock[] };
export type DemoSection = { title: string; units: readonly DemoUnit[] };

/** A member of the team besides the lead instructor who creates the course. */
export type DemoTeamMember = { email: string; institutionKey: string; role: Exclude<TeamRole, 'lead_instructor'> };

/** One demo course, written as its authors would build it in the studio. */
export type DemoCourse = {
  key: string;
  leadInstitutionKey: string;
  partnerInstitutionKeys: readonly string[];
  /** The demo account that creates the course and becomes its lead instructor. */
  leadInstructorEmail: string;
  team: readonly DemoTeamMember[];
  metadata: CourseMetadataInput;
  sections: readonly DemoSection[];
  /** The first run is the course's main edition; every run serves the first release. */
  runs: readonly NewRun[];
  publishMessage: string;
};

export type DemoCourseDeps = { db: Database; clock: Clock; storage: ObjectStorage };
