import { z } from 'zod';
import { languageTagSchema } from './model-metadata.ts';

export const BLOCK_TYPES = ['text', 'video', 'file', 'quiz', 'link', 'discussion'] as const;
export const QUESTION_KINDS = ['single_choice', 'multiple_choice', 'numeric', 'short_text'] as const;
export const REVEAL_POLICIES = ['immediately', 'after_due', 'never'] as const;
export type RevealPolicy = (typeof REVEAL_POLICIES)[number];
export type BlockType = (typeof BLOCK_TYPES)[number];
export type QuestionKind = (typeof QUESTION_KINDS)[number];

const title = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const markdown = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const shortId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, - or _');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).max(2000);

export const textBlockSchema = z.strictObject({
  type: z.literal('text'),
  title,
  body: markdown(100_000),
});

export const videoBlockSchema = z.strictObject({
  type: z.literal('video'),
  title,
  source: z.union([
    z.strictObject({ kind: z.literal('upload'), mediaId: z.uuid() }),
    z.strictObject({ kind: z.literal('url'), url: httpUrl }),
  ]),
  captions: z
    .array(
      z.strictObject({ language: languageTagSchema, label: z.string().trim().max(60).default(''), mediaId: z.uuid() }),
    )
    .max(20)
    .default([]),
  posterMediaId: z.uuid().nullable().default(null),
  downloadable: z.boolean().default(false),
  durationSeconds: z.number().int().min(0).max(86_400).nullable().default(null),
});

export const fileBlockSchema = z.strictObject({
  type: z.literal('file'),
  title,
  mediaId: z.uuid(),
  description: markdown(5000).default(''),
});

export const linkBlockSchema = z.strictObject({
  type: z.literal('link'),
  title,
  url: httpUrl,
  description: markdown(5000).default(''),
});

/** A place in a unit where learners talk about it; the threads live in the run's forum under this block's key. */
export const discussionBlockSchema = z.strictObject({
  type: z.literal('discussion'),
  title,
  prompt: markdown(5000).default(''),
});

const choiceSchema = z.strictObject({
  id: shortId,
  text: z.string().trim().min(1, 'must not be empty').max(2000),
  correct: z.boolean(),
  feedback: markdown(2000).default(''),
});

const questionBase = {
  id: shortId,
  prompt: markdown(10_000).refine((value) => value.trim().length > 0, 'must not be empty'),
  points: z.number().min(0).max(1000).default(1),
  explanation: markdown(10_000).default(''),
};

export const questionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...questionBase,
    kind: z.literal('single_choice'),
    choices: z
      .array(choiceSchema)
      .min(2, 'needs at least 2 choices')
      .max(26)
      .refine((choices) => choices.filter((c) => c.correct).length === 1, 'needs exactly one correct choice'),
  }),
  z.strictObject({
    ...questionBase,
    kind: z.literal('multiple_choice'),
    choices: z
      .array(choiceSchema)
      .min(2, 'needs at least 2 choices')
      .max(26)
      .refine((choices) => choices.some((c) => c.correct), 'needs at least one correct choice'),
  }),
  z.strictObject({
    ...questionBase,
    kind: z.literal('numeric'),
    answer: z.number().finite(),
    tolerance: z.number().min(0).finite().default(0),
  }),
  z.strictObject({
    ...questionBase,
    kind: z.literal('short_text'),
    acceptedAnswers: z.array(z.string().trim().min(1).max(500)).min(1, 'needs at least one accepted answer').max(50),
    normalisation: z
      .strictObject({
        caseSensitive: z.boolean().default(false),
        ignoreWhitespace: z.boolean().default(true),
        ignorePunctuation: z.boolean().default(false),
        ignoreAccents: z.boolean().default(false),
      })
      .default({ caseSensitive: false, ignoreWhitespace: true, ignorePunctuation: false, ignoreAccents: false }),
  }),
]);

export const quizBlockSchema = z.strictObject({
  type: z.literal('quiz'),
  title,
  mode: z.enum(['graded', 'practice']).default('graded'),
  assignmentType: z.string().trim().min(1).max(60).default('Homework'),
  attemptsAllowed: z.number().int().min(1).max(100).nullable().default(1),
  shuffleQuestions: z.boolean().default(false),
  shuffleChoices: z.boolean().default(false),
  /** Days after the run starts (scheduled runs) or after the learner enrolled (self-paced); null: none. */
  dueAfterDays: z.number().int().min(0).max(3650).nullable().default(null),
  /** When learners see which answers were right, the feedback and the explanations. */
  reveal: z.enum(REVEAL_POLICIES).default('immediately'),
  questions: z
    .array(questionSchema)
    .max(200)
    .default([])
    .refine(
      (questions) => new Set(questions.map((q) => q.id)).size === questions.length,
      'question ids must be unique',
    ),
});

export const blockSchema = z.discriminatedUnion('type', [
  textBlockSchema,
  videoBlockSchema,
  fileBlockSchema,
  quizBlockSchema,
  linkBlockSchema,
  discussionBlockSchema,
]);

export type Block = z.infer<typeof blockSchema>;
export type BlockInput = z.input<typeof blockSchema>;
export type TextBlock = z.infer<typeof textBlockSchema>;
export type VideoBlock = z.infer<typeof videoBlockSchema>;
export type FileBlock = z.infer<typeof fileBlockSchema>;
export type LinkBlock = z.infer<typeof linkBlockSchema>;
export type DiscussionBlock = z.infer<typeof discussionBlockSchema>;
export type QuizBlock = z.infer<typeof quizBlockSchema>;
export type Question = z.infer<typeof questionSchema>;

/** Media a block refers to, so packages and access checks can follow references. */
export function listBlockMediaIds(block: Block): string[] {
  switch (block.type) {
    case 'video':
      return [
        ...(block.source.kind === 'upload' ? [block.source.mediaId] : []),
        ...block.captions.map((caption) => caption.mediaId),
        ...(block.posterMediaId ? [block.posterMediaId] : []),
      ];
    case 'file':
      return [block.mediaId];
    default:
      return [];
  }
}
