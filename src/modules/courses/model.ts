import { z } from 'zod';
import type { Block } from './model-blocks.ts';
import { courseMetadataSchema, languageTagSchema, type CourseMetadata } from './model-metadata.ts';

export * from './model-blocks.ts';
export * from './model-metadata.ts';

/*
 * What each kind of publishing entity stores in a version. Containers list their children by
 * entity id; a release pins each of those entities to a version, so a frozen tree can always
 * be rebuilt.
 */
export const ENTITY_KINDS = ['course', 'section', 'unit', 'block'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const rootDataSchema = z.strictObject({ metadata: courseMetadataSchema, children: z.array(z.number().int()) });
export const containerDataSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  children: z.array(z.number().int()),
});
export type RootData = z.infer<typeof rootDataSchema>;
export type ContainerData = z.infer<typeof containerDataSchema>;

export const gradingPolicySchema = z
  .strictObject({
    assignmentTypes: z
      .array(
        z.strictObject({
          name: z.string().trim().min(1, 'must not be empty').max(60),
          weight: z.number().min(0).max(1),
          dropLowest: z.number().int().min(0).max(50).default(0),
        }),
      )
      .max(20)
      .default([]),
    passMark: z.number().min(0).max(1).default(0.5),
  })
  .refine(
    (policy) =>
      policy.assignmentTypes.length === 0 ||
      Math.abs(policy.assignmentTypes.reduce((sum, type) => sum + type.weight, 0) - 1) < 1e-6,
    'the weights of the assignment types must add up to 100 %',
  )
  .refine(
    (policy) =>
      new Set(policy.assignmentTypes.map((type) => type.name.toLowerCase())).size === policy.assignmentTypes.length,
    'assignment type names must be unique',
  );
export type GradingPolicy = z.infer<typeof gradingPolicySchema>;

export const DEFAULT_GRADING_POLICY: GradingPolicy = {
  assignmentTypes: [
    { name: 'Homework', weight: 0.6, dropLowest: 0 },
    { name: 'Exam', weight: 0.4, dropLowest: 0 },
  ],
  passMark: 0.5,
};

/** Counts of what one publish changed, by kind; kept on the release for the history page. */
export type ReleaseSummary = {
  added: Partial<Record<EntityKind, number>>;
  changed: Partial<Record<EntityKind, number>>;
  removed: Partial<Record<EntityKind, number>>;
  /** Titles of the blocks that changed (first 50), so the history reads without opening versions. */
  blocks: { key: string; title: string; change: 'added' | 'changed' | 'removed' }[];
};

export const runCodeSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/,
    'must be 1–32 letters, digits, dots, dashes or underscores, such as 2027-T1',
  );

export const courseKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2–63 lowercase letters, digits or dashes, such as climate-data-101');

export { languageTagSchema };

/* Read models returned by the services. */

export type CourseOwner = {
  institutionId: number;
  key: string;
  name: Record<string, string>;
  country: string;
  role: 'lead' | 'partner';
};

export type TeamRole = 'lead_instructor' | 'instructor' | 'author' | 'teaching_assistant';
export type TeamMember = { userId: string; name: string; email: string; institutionId: number; role: TeamRole };

export type Course = {
  id: number;
  uuid: string;
  key: string;
  leadInstitutionId: number;
  owners: CourseOwner[];
  latestReleaseId: number | null;
  createdAt: Date;
  updatedAt: Date;
};

export type TreeBlock = {
  entityId: number;
  key: string;
  uuid: string;
  versionId: number;
  versionNum: number;
  block: Block;
};
export type TreeUnit = {
  entityId: number;
  key: string;
  uuid: string;
  versionId: number;
  title: string;
  blocks: TreeBlock[];
};
export type TreeSection = {
  entityId: number;
  key: string;
  uuid: string;
  versionId: number;
  title: string;
  units: TreeUnit[];
};

/** A whole course as one side sees it: the draft (authors) or a release (learners). */
export type CourseTree = {
  courseId: number;
  side: 'draft' | 'release';
  releaseId: number | null;
  metadata: CourseMetadata;
  sections: TreeSection[];
};

export type Release = {
  id: number;
  uuid: string;
  courseId: number;
  number: number;
  message: string;
  summary: ReleaseSummary;
  publishedAt: Date;
  publishedBy: string | null;
  publishedByName: string | null;
};

export type Pacing = 'self_paced' | 'scheduled';
export type CertificatePolicy = 'none' | 'free_on_pass';

export type CourseRun = {
  id: number;
  uuid: string;
  courseId: number;
  code: string;
  pacing: Pacing;
  language: string;
  enrollmentOpensAt: Date | null;
  enrollmentClosesAt: Date | null;
  startsAt: Date | null;
  endsAt: Date | null;
  releaseId: number;
  releaseNumber: number;
  capacity: number | null;
  certificatePolicy: CertificatePolicy;
  gradingPolicy: GradingPolicy;
};

export type MediaAsset = {
  id: number;
  uuid: string;
  courseId: number;
  purpose: 'image' | 'video' | 'captions' | 'poster' | 'file';
  storageKey: string;
  filename: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  createdAt: Date;
};

export type { CourseMetadata };
