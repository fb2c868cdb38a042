import { z } from 'zod';
import { invalid } from '../../platform/errors/index.ts';
import { FLAG_REASONS, THREAD_KINDS } from './schema.ts';

export const MAX_TITLE_LENGTH = 200;
export const MAX_BODY_LENGTH = 20_000;
export const MAX_REASON_LENGTH = 500;

/** A BCP 47 tag as people write them: a language, then optional script and region subtags. */
export const languageTagSchema = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/, 'must be a language tag such as en, zh-Hans or pt-BR');

export const topicKeySchema = z
  .string()
  .trim()
  .regex(/^(general|(section|block):[A-Za-z0-9][A-Za-z0-9._-]{0,99})$/, 'must be a topic of this forum');

const requestKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{8,100}$/, 'must be 8 to 100 letters, digits, _ or -');

const bodySchema = z
  .string()
  .trim()
  .min(1, 'write something first')
  .max(MAX_BODY_LENGTH, `must be at most ${MAX_BODY_LENGTH} characters`);

export const newThreadSchema = z
  .object({
    topic: topicKeySchema.default('general'),
    kind: z.enum(THREAD_KINDS).default('discussion'),
    title: z
      .string()
      .trim()
      .min(3, 'must be at least 3 characters')
      .max(MAX_TITLE_LENGTH, `must be at most ${MAX_TITLE_LENGTH} characters`),
    body: bodySchema,
    language: languageTagSchema.optional(),
    circleId: z.coerce.number().int().positive().optional(),
    requestKey: requestKeySchema.optional(),
  })
  .strict();

export const newReplySchema = z
  .object({
    body: bodySchema,
    parentId: z.coerce.number().int().positive().optional(),
    language: languageTagSchema.optional(),
    requestKey: requestKeySchema.optional(),
  })
  .strict();

export const editPostSchema = z.object({ body: bodySchema }).strict();

export const flagSchema = z
  .object({
    reason: z.enum(FLAG_REASONS),
    note: z.string().trim().max(MAX_REASON_LENGTH, `must be at most ${MAX_REASON_LENGTH} characters`).optional(),
  })
  .strict();

export const moderationReasonSchema = z
  .string()
  .trim()
  .max(MAX_REASON_LENGTH, `must be at most ${MAX_REASON_LENGTH} characters`)
  .optional();

export type NewThread = z.input<typeof newThreadSchema>;
export type NewReply = z.input<typeof newReplySchema>;
export type NewFlag = z.input<typeof flagSchema>;

/** Parses service input, turning every problem into one `invalid` error that names the fields. */
export function parseForumInput<Output>(schema: z.ZodType<Output>, input: unknown, code: string): Output {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'input',
    message: issue.message,
  }));
  throw invalid(code, fields.map((entry) => `${entry.field}: ${entry.message}`).join('; '), { fields });
}

/** A positive id from a path or form; anything else names nothing, so it is not found. */
export function readId(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^[1-9][0-9]{0,14}$/.test(text)) return null;
  return Number(text);
}
