import { z } from 'zod';
import { courseKeySchema, runCodeSchema } from '../../../modules/courses/index.ts';
import {
  DIGEST_FREQUENCIES,
  FLAG_REASONS,
  MAX_BODY_LENGTH,
  MAX_MUTE_HOURS,
  MAX_TITLE_LENGTH,
  MODERATION_ACTIONS,
  THREAD_KINDS,
  THREAD_SORTS,
} from '../../../modules/discussions/index.ts';
import { lineText, multilineText } from '../schemas.ts';

/*
 * What the forum operations take. Each field is checked here as the forum's services check it,
 * and more strictly where the database would otherwise fail (control characters, lone
 * surrogates); rules that tie fields together stay with the services, which answer 400 too.
 */

const MAX_REASON_LENGTH = 500;
const MAX_PAGE = 10_000;

export const runAddressSchema = z.strictObject({
  courseKey: courseKeySchema.describe('The course’s key, such as climate-data-101.'),
  runCode: runCodeSchema.describe('The run’s code, such as 2027-T1.'),
});

const idText = (what: string) =>
  z.string().regex(/^[1-9][0-9]{0,14}$/, `must be a ${what} id (a positive whole number)`);

export const threadAddressSchema = runAddressSchema.extend({
  threadId: idText('thread').describe('The thread’s id, as listThreads gives it.'),
});

export const postAddressSchema = runAddressSchema.extend({
  postId: idText('post').describe('The post’s id, as getThread gives it (opening post, reply or comment).'),
});

/** An id in a JSON body. */
const idNumber = z
  .number('must be a number')
  .int('must be a whole number')
  .positive('must be a positive id')
  .max(Number.MAX_SAFE_INTEGER);

/** An id in a query string. */
const idQuery = z.coerce
  .number('must be a number')
  .int('must be a whole number')
  .positive('must be a positive id')
  .max(Number.MAX_SAFE_INTEGER);

const pageQuery = z.coerce
  .number('must be a number')
  .int('must be a whole number')
  .min(1, 'must be 1 or more')
  .max(MAX_PAGE, `must be at most ${MAX_PAGE}`)
  .default(1)
  .describe('The page to show, from 1.');

const languageTag = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/, 'must be a language tag such as en, zh-Hans or pt-BR');

const topicKey = z
  .string()
  .trim()
  .regex(
    /^(general|(section|block):[A-Za-z0-9][A-Za-z0-9._-]{0,99})$/,
    'must be general, section:<key> or block:<key>, as getForum lists the topics',
  );

const REQUEST_KEY = /^[A-Za-z0-9_-]{8,100}$/;
const REQUEST_KEY_MESSAGE = 'must be 8 to 100 letters, digits, _ or -';
const requestKey = z.string().trim().regex(REQUEST_KEY, REQUEST_KEY_MESSAGE);

const postBody = multilineText(MAX_BODY_LENGTH)
  .refine((value) => value.length > 0, 'write something first')
  .describe(`Markdown, 1 to ${MAX_BODY_LENGTH} characters.`);

const reasonText = multilineText(MAX_REASON_LENGTH);

export const threadListQuerySchema = z.strictObject({
  topic: topicKey.optional().describe('Only threads of this topic.'),
  sort: z
    .enum(THREAD_SORTS, `must be one of ${THREAD_SORTS.join(', ')}`)
    .default('activity')
    .describe('Pinned threads always come first; then by latest activity, votes, newest, or unanswered questions.'),
  language: languageTag.optional().describe('Only threads written in this language.'),
  kind: z.enum(THREAD_KINDS, 'must be question or discussion').optional(),
  q: lineText(200).optional().describe('Words to find in titles and visible posts.'),
  circle: idQuery
    .optional()
    .describe('The threads of this study circle instead of the open forum: your own circle, or any for staff.'),
  page: pageQuery,
});

export const threadPageQuerySchema = z.strictObject({ page: pageQuery.describe('The page of replies, from 1.') });

export const queueQuerySchema = z.strictObject({
  view: z
    .enum(['flagged', 'hidden'], 'must be flagged or hidden')
    .default('flagged')
    .describe('flagged: posts with open reports; hidden: posts moderators hid, for a second look.'),
  page: pageQuery,
});

export const notificationQuerySchema = z.strictObject({
  page: pageQuery,
  unread: z.enum(['true', 'false'], 'must be true or false').optional().describe('true: only unread ones.'),
});

export const idempotencyHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(REQUEST_KEY, REQUEST_KEY_MESSAGE)
    .optional()
    .describe('A key of your choice (a UUID) per post: a retry with the same key returns the same post.'),
});

export const newThreadBodySchema = z
  .strictObject({
    topic: topicKey.optional().describe('Where the thread goes; general unless said otherwise.'),
    kind: z
      .enum(THREAD_KINDS, 'must be question or discussion')
      .optional()
      .describe('A question can have an accepted answer; discussion is the default.'),
    title: lineText(MAX_TITLE_LENGTH, 3).describe(`3 to ${MAX_TITLE_LENGTH} characters.`),
    body: postBody,
    language: languageTag.optional().describe('The language it is written in; your profile’s language by default.'),
    circleId: idNumber.optional().describe('Start it in your study circle instead of the open forum.'),
    requestKey: requestKey
      .optional()
      .describe('As the Idempotency-Key header: a retry with the same key returns the same thread.'),
  })
  .describe('A new thread and its opening post.');

export const newReplyBodySchema = z
  .strictObject({
    body: postBody,
    parentId: idNumber.optional().describe('Comment on this reply instead of replying to the thread.'),
    language: languageTag.optional(),
    requestKey: requestKey.optional().describe('As the Idempotency-Key header.'),
  })
  .describe('A reply, or a comment on a reply.');

export const followBodySchema = z.strictObject({
  follow: z.boolean('must be true or false').describe('true to be told of replies, false to stop.'),
});

export const threadStateBodySchema = z
  .strictObject({
    pinned: z.boolean('must be true or false').optional().describe('Staff only.'),
    closed: z.boolean('must be true or false').optional().describe('The author or moderators.'),
    locked: z.boolean('must be true or false').optional().describe('Moderators only.'),
  })
  .describe('At least one of pinned, closed and locked.');

export const answerBodySchema = z.strictObject({
  postId: idNumber.nullable().describe('A reply of this thread, or null to clear the answer.'),
});

export const voteBodySchema = z.strictObject({
  up: z.boolean('must be true or false').describe('true to upvote, false to take the vote back.'),
});

export const flagBodySchema = z.strictObject({
  reason: z.enum(FLAG_REASONS, `must be one of ${FLAG_REASONS.join(', ')}`),
  note: reasonText.optional().describe(`Anything moderators should know, at most ${MAX_REASON_LENGTH} characters.`),
});

export const moderationBodySchema = z
  .strictObject({
    action: z.enum(MODERATION_ACTIONS, `must be one of ${MODERATION_ACTIONS.join(', ')}`),
    reason: reasonText.optional().describe('Required to hide or delete: the author is told.'),
  })
  .describe('A moderator’s decision on a post.');

export const endorsementBodySchema = z.strictObject({
  endorsed: z.boolean('must be true or false'),
});

export const editBodySchema = z.strictObject({ body: postBody });

export const standingBodySchema = z
  .strictObject({
    userId: z.uuid('must be a person’s id').describe('A learner of the run.'),
    communityTa: z.boolean('must be true or false').optional().describe('Staff only: grant or take back the role.'),
    muteHours: z
      .number('must be a number')
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(MAX_MUTE_HOURS, `must be at most ${MAX_MUTE_HOURS} hours`)
      .optional()
      .describe('Mute for this many hours from now; 0 ends a mute.'),
    banned: z.boolean('must be true or false').optional().describe('Staff only.'),
    reason: reasonText.optional().describe('Required to mute or ban: the learner is told.'),
  })
  .describe('At least one of communityTa, muteHours and banned.');

export const joinCircleBodySchema = z.strictObject({
  languages: z
    .array(languageTag, 'must be a list of language tags')
    .min(1, 'choose at least one language you can discuss in')
    .max(6, 'choose at most 6 languages')
    .describe('The languages you can discuss in, most preferred first.'),
});

export const moveMemberBodySchema = z.strictObject({
  userId: z.uuid('must be a person’s id'),
  circleId: idNumber.nullable().describe('A circle of the run, or null to send the learner back to waiting.'),
});

export const markReadBodySchema = z
  .strictObject({
    ids: z.array(idNumber, 'must be a list of ids').max(500, 'must list at most 500 ids').optional(),
    all: z.boolean('must be true or false').optional(),
  })
  .describe('ids, or all: true.');

export const settingsBodySchema = z.strictObject({
  digest: z
    .enum(DIGEST_FREQUENCIES, `must be one of ${DIGEST_FREQUENCIES.join(', ')}`)
    .describe('How often to e-mail a digest of unread notifications.'),
  autoFollow: z.boolean('must be true or false').describe('Follow the threads you start or reply to.'),
});
