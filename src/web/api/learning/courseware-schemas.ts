import { z } from 'zod';
import {
  COMPLETION_KINDS,
  type BlockProgress,
  type CourseOutline,
  type LearnerBlock,
  type UnitView,
  type WatchedSummary,
} from '../../../modules/courseware/index.ts';
import { BLOCK_TYPES, courseKeySchema, runCodeSchema } from '../../../modules/courses/index.ts';
import { defaultMediaUrl } from '../../views/blocks/media.ts';
import { entityKeySchema, localizedTextOutput, presentRun, runSchema } from '../courses/schemas.ts';

/*
 * The learner's courseware as JSON. Every output is an allow-list: a quiz is described by its
 * title, size, points, mode and assignment type; its questions and anything that would give an
 * answer away have no field here at all.
 */

const MAX_SECONDS = 86_400;
const seconds = z.number('must be a number').finite().min(0, 'must not be negative').max(MAX_SECONDS);

export const runAddressSchema = z.strictObject({
  courseKey: courseKeySchema.describe('The course’s key, such as climate-data-101.'),
  runCode: runCodeSchema.describe('The run’s code, such as 2027-T1.'),
});
export const unitAddressSchema = runAddressSchema.extend({
  unitKey: entityKeySchema.describe('The unit’s key, as the outline lists it.'),
});
export const blockAddressSchema = runAddressSchema.extend({
  blockKey: entityKeySchema.describe('The block’s key, as the unit lists it.'),
});

export const progressBodySchema = z
  .strictObject({
    ranges: z
      .array(z.tuple([seconds, seconds]).describe('[start, end] in seconds of the video.'))
      .max(500, 'must list at most 500 ranges')
      .optional()
      .describe('Parts of a video played since the last report; the server merges them with earlier ones.'),
    durationSeconds: seconds
      .positive('must be more than 0')
      .optional()
      .describe('The length of the video as the player knows it; used only when the course did not give one.'),
    positionSeconds: seconds.optional().describe('Where the player is now, to resume from there.'),
    complete: z
      .literal(true, 'must be true when given')
      .optional()
      .describe('The learner says they are done with this block (any block but a quiz).'),
  })
  .describe('A player’s report on one block.');

const completionSchema = z
  .object({ kind: z.enum(COMPLETION_KINDS), completedAt: z.iso.datetime() })
  .nullable()
  .describe('How and when the learner completed the block; null while not complete.');

const watchedSchema = z
  .object({
    watchedSeconds: z.number(),
    durationSeconds: z.number(),
    fraction: z.number().describe('Share of the video watched, 0 to 1; complete from 0.9.'),
    positionSeconds: z.number(),
  })
  .nullable();

const blockBase = {
  key: z.string(),
  uuid: z.uuid(),
  title: z.string(),
  completion: completionSchema,
};

export const learnerBlockSchema = z
  .discriminatedUnion('type', [
    z.object({ ...blockBase, type: z.literal('text'), body: z.string().describe('Markdown.') }),
    z.object({ ...blockBase, type: z.literal('link'), url: z.string(), description: z.string() }),
    z.object({
      ...blockBase,
      type: z.literal('discussion'),
      prompt: z.string().describe('Markdown.'),
      topic: z.string().describe('The forum topic that holds the block’s threads: `block:` and the block’s key.'),
    }),
    z.object({ ...blockBase, type: z.literal('file'), fileUrl: z.string(), description: z.string() }),
    z.object({
      ...blockBase,
      type: z.literal('video'),
      sourceUrl: z.string(),
      captions: z.array(z.object({ language: z.string(), label: z.string(), url: z.string() })),
      posterUrl: z.string().nullable(),
      downloadable: z.boolean(),
      durationSeconds: z.number().nullable(),
      watched: watchedSchema,
    }),
    z.object({
      ...blockBase,
      type: z.literal('quiz'),
      mode: z.enum(['graded', 'practice']),
      assignmentType: z.string(),
      questionCount: z.number().int(),
      points: z.number(),
      attemptsAllowed: z.number().int().nullable(),
    }),
  ])
  .describe('A block as the learner sees it; a quiz is only announced here, its questions come with an attempt.');

const phaseSchema = z
  .enum(['not_started', 'open', 'ended'])
  .describe('Units open when a scheduled run starts; after the end they stay readable and nothing is recorded.');
const readerSchema = z
  .enum(['learner', 'staff'])
  .describe('staff: a preview by the course team, which records nothing.');
const courseSummarySchema = z.object({ key: z.string(), uuid: z.uuid(), title: localizedTextOutput });
const counts = { completedBlocks: z.number().int(), totalBlocks: z.number().int() };

export const outlineSchema = z
  .object({
    course: courseSummarySchema,
    run: runSchema,
    reader: readerSchema,
    phase: phaseSchema,
    progress: z.object(counts),
    lastUnitKey: z.string().nullable(),
    resumeUnitKey: z.string().nullable().describe('The last unit visited, else the first.'),
    sections: z.array(
      z.object({
        key: z.string(),
        uuid: z.uuid(),
        title: z.string(),
        ...counts,
        units: z.array(
          z.object({
            key: z.string(),
            uuid: z.uuid(),
            title: z.string(),
            ...counts,
            blocks: z.array(
              z.object({
                key: z.string(),
                uuid: z.uuid(),
                type: z.enum(BLOCK_TYPES),
                title: z.string(),
                completed: z.boolean(),
              }),
            ),
          }),
        ),
      }),
    ),
  })
  .describe('The run’s content with the learner’s completion.');

const neighbourSchema = z.object({ key: z.string(), title: z.string() }).nullable();

export const unitSchema = z
  .object({
    course: courseSummarySchema,
    run: z.object({ uuid: z.uuid(), code: z.string() }),
    reader: readerSchema,
    phase: phaseSchema,
    section: z.object({ key: z.string(), title: z.string(), number: z.number().int() }),
    unit: z.object({ key: z.string(), uuid: z.uuid(), title: z.string(), number: z.number().int() }),
    previous: neighbourSchema,
    next: neighbourSchema,
    blocks: z.array(learnerBlockSchema),
  })
  .describe('One unit and its blocks.');

export const blockProgressSchema = z
  .object({
    blockKey: z.string(),
    type: z.enum(BLOCK_TYPES),
    completion: completionSchema,
    newlyCompleted: z.boolean().describe('This report completed the block.'),
    watched: watchedSchema,
  })
  .describe('The block’s state after the report.');

const presentCompletion = (completion: LearnerBlock['completion']) =>
  completion ? { kind: completion.kind, completedAt: completion.completedAt.toISOString() } : null;

const presentWatched = (watched: WatchedSummary | null) =>
  watched
    ? {
        watchedSeconds: watched.watchedSeconds,
        durationSeconds: watched.durationSeconds,
        fraction: watched.fraction,
        positionSeconds: watched.positionSeconds,
      }
    : null;

export function presentLearnerBlock(block: LearnerBlock): z.input<typeof learnerBlockSchema> {
  const base = {
    key: block.key,
    uuid: block.uuid,
    title: block.title,
    completion: presentCompletion(block.completion),
  };
  switch (block.type) {
    case 'text':
      return { ...base, type: 'text', body: block.body };
    case 'link':
      return { ...base, type: 'link', url: block.url, description: block.description };
    case 'discussion':
      return { ...base, type: 'discussion', prompt: block.prompt, topic: `block:${block.key}` };
    case 'file':
      return { ...base, type: 'file', fileUrl: defaultMediaUrl(block.mediaId), description: block.description };
    case 'video':
      return {
        ...base,
        type: 'video',
        sourceUrl: block.source.kind === 'url' ? block.source.url : defaultMediaUrl(block.source.mediaId),
        captions: block.captions.map((caption) => ({
          language: caption.language,
          label: caption.label,
          url: defaultMediaUrl(caption.mediaId),
        })),
        posterUrl: block.posterMediaId ? defaultMediaUrl(block.posterMediaId) : null,
        downloadable: block.downloadable,
        durationSeconds: block.durationSeconds,
        watched: presentWatched(block.watched),
      };
    case 'quiz':
      return {
        ...base,
        type: 'quiz',
        mode: block.mode,
        assignmentType: block.assignmentType,
        questionCount: block.questionCount,
        points: block.points,
        attemptsAllowed: block.attemptsAllowed,
      };
  }
}

export function presentOutline(outline: CourseOutline): z.input<typeof outlineSchema> {
  return {
    course: { key: outline.course.key, uuid: outline.course.uuid, title: outline.metadata.title },
    run: presentRun(outline.run),
    reader: outline.reader,
    phase: outline.phase,
    progress: outline.progress,
    lastUnitKey: outline.lastUnitKey,
    resumeUnitKey: outline.resumeUnitKey,
    sections: outline.sections.map((section) => ({
      key: section.key,
      uuid: section.uuid,
      title: section.title,
      completedBlocks: section.completedBlocks,
      totalBlocks: section.totalBlocks,
      units: section.units.map((unit) => ({
        key: unit.key,
        uuid: unit.uuid,
        title: unit.title,
        completedBlocks: unit.completedBlocks,
        totalBlocks: unit.totalBlocks,
        blocks: unit.blocks.map((block) => ({
          key: block.key,
          uuid: block.uuid,
          type: block.type,
          title: block.title,
          completed: block.completed,
        })),
      })),
    })),
  };
}

export function presentUnit(view: UnitView): z.input<typeof unitSchema> {
  return {
    course: { key: view.course.key, uuid: view.course.uuid, title: view.metadata.title },
    run: { uuid: view.run.uuid, code: view.run.code },
    reader: view.reader,
    phase: view.phase,
    section: view.section,
    unit: view.unit,
    previous: view.previous,
    next: view.next,
    blocks: view.blocks.map(presentLearnerBlock),
  };
}

export function presentBlockProgress(progress: BlockProgress): z.input<typeof blockProgressSchema> {
  return {
    blockKey: progress.blockKey,
    type: progress.type,
    completion: presentCompletion(progress.completion),
    newlyCompleted: progress.newlyCompleted,
    watched: presentWatched(progress.watched),
  };
}
