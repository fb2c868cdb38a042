import { z } from 'zod';
import {
  BLOCK_TYPES,
  blockSchema,
  courseMetadataSchema,
  newCourseSchema,
  type CourseTree,
  type Release,
  type TreeBlock,
  type TreeSection,
  type TreeUnit,
} from '../../../modules/courses/index.ts';
import { lineText, multilineText } from '../schemas.ts';
import { courseParamsSchema, entityKeySchema } from './schemas.ts';

/** Requests and answers of the authoring operations: structure, blocks and releases. */

const position = z
  .number('must be a number')
  .int('must be a whole number')
  .min(0, 'must be at least 0')
  .max(10_000, 'must be at most 10000')
  .describe('Where to put it among its siblings, from 0; past the end means last.');

const title = lineText(200, 1);

export const sectionParamsSchema = courseParamsSchema.extend({ sectionKey: entityKeySchema });
export const unitParamsSchema = courseParamsSchema.extend({ unitKey: entityKeySchema });
export const blockParamsSchema = courseParamsSchema.extend({ blockKey: entityKeySchema });

export const newContainerSchema = z.strictObject({ title, position: position.optional() });
export const renameSchema = z.strictObject({ title });
export const moveSectionSchema = z.strictObject({ position });
export const moveUnitSchema = z.strictObject({
  sectionKey: entityKeySchema.describe('The section to move the unit into (its own to reorder).'),
  position,
});
export const moveBlockSchema = z.strictObject({
  unitKey: entityKeySchema.describe('The unit to move the block into (its own to reorder).'),
  position,
});
export const blockPositionQuerySchema = z.strictObject({
  position: z.coerce
    .number('must be a number')
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(10_000, 'must be at most 10000')
    .optional()
    .describe('Where to put the block in the unit, from 0; last when left out.'),
});

export const blockBodySchema = blockSchema.describe(
  'A block: text, video, file, quiz, link or discussion, told apart by `type`.',
);
export const publishBodySchema = z.strictObject({
  message: multilineText(2000).optional().describe('What changed, for the release history.'),
});

export const newCourseBodySchema = newCourseSchema.describe(
  'A new course: its key, the lead institution (by id, as listed under /api/v1/institutions), optional partners and its description.',
);

/**
 * Every metadata field, each optional and without defaults, so a PATCH changes only what it
 * names; the service checks the merged whole again.
 */
export const metadataChangesSchema = z
  .strictObject(
    Object.fromEntries(
      Object.entries(courseMetadataSchema.shape).map(([name, field]) => [
        name,
        (field instanceof z.ZodDefault ? field.unwrap() : field).optional(),
      ]),
    ) as Record<string, z.ZodOptional<z.ZodType>>,
  )
  .describe('The description fields to change; fields left out keep their draft value.');

export const blockOutputSchema = z.object({
  key: z.string(),
  uuid: z.uuid(),
  type: z.enum(BLOCK_TYPES),
  title: z.string(),
  version: z.number().int().describe('Draft version number of the block.'),
  block: z.record(z.string(), z.unknown()).describe('The block as stored, with every default filled in.'),
});
export const unitOutputSchema = z.object({
  key: z.string(),
  uuid: z.uuid(),
  title: z.string(),
  blocks: z.array(blockOutputSchema),
});
export const sectionOutputSchema = z.object({
  key: z.string(),
  uuid: z.uuid(),
  title: z.string(),
  units: z.array(unitOutputSchema),
});

export const releaseSchema = z.object({
  uuid: z.uuid(),
  number: z.number().int(),
  message: z.string(),
  publishedAt: z.iso.datetime(),
  publishedByName: z.string().nullable(),
  summary: z.object({
    added: z.record(z.string(), z.number().int()),
    changed: z.record(z.string(), z.number().int()),
    removed: z.record(z.string(), z.number().int()),
    blocks: z.array(z.object({ key: z.string(), title: z.string(), change: z.enum(['added', 'changed', 'removed']) })),
  }),
});

export function presentBlock(block: TreeBlock) {
  return {
    key: block.key,
    uuid: block.uuid,
    type: block.block.type,
    title: block.block.title,
    version: block.versionNum,
    block: { ...block.block },
  };
}

export function presentUnit(unit: TreeUnit) {
  return { key: unit.key, uuid: unit.uuid, title: unit.title, blocks: unit.blocks.map(presentBlock) };
}

export function presentSection(section: TreeSection) {
  return { key: section.key, uuid: section.uuid, title: section.title, units: section.units.map(presentUnit) };
}

/** Section and unit titles only: what the public course page lists as the syllabus. */
export const syllabusSchema = z.array(
  z.object({ key: z.string(), title: z.string(), units: z.array(z.object({ key: z.string(), title: z.string() })) }),
);

export function presentSyllabus(tree: CourseTree) {
  return tree.sections.map((section) => ({
    key: section.key,
    title: section.title,
    units: section.units.map((unit) => ({ key: unit.key, title: unit.title })),
  }));
}

export function presentRelease(release: Release) {
  return {
    uuid: release.uuid,
    number: release.number,
    message: release.message,
    publishedAt: release.publishedAt.toISOString(),
    publishedByName: release.publishedByName,
    summary: release.summary,
  };
}
