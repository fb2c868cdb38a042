import { z } from 'zod';

/**
 * Building blocks shared by every operation: the problem document, text that the database can
 * store, and the list of error responses an operation declares.
 */

// NUL cannot be stored in PostgreSQL text, and other control characters or lone surrogates only
// ever arrive by mistake or malice; rejecting them here keeps them out of every service.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
const LINE_BREAKS = /[\n\r\t]/u;
const LONE_SURROGATE = /\p{Cs}/u;

/** One line of text a person typed: trimmed, bounded, without control characters. */
export function lineText(max: number, min = 0) {
  return z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value) && !LINE_BREAKS.test(value), 'must be a single line of text')
    .refine((value) => !LONE_SURROGATE.test(value), 'must be valid Unicode text');
}

/** Several lines of text: like lineText, but line breaks and tabs are allowed. */
export function multilineText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain control characters')
    .refine((value) => !LONE_SURROGATE.test(value), 'must be valid Unicode text');
}

export const problemFieldSchema = z.object({
  field: z.string().describe('Where the problem is, such as body.name or querystring.page.'),
  message: z.string().describe('What is wrong with it, in English.'),
});

/** RFC 9457 problem details, as written by the error handler for every URL under /api/. */
export const problemSchema = z
  .object({
    type: z.string().describe('Always about:blank: the status and code say what happened.'),
    title: z.string().describe('A short summary of the kind of problem.'),
    status: z.number().int().describe('The HTTP status code.'),
    detail: z.string().describe('What went wrong and, where possible, how to fix the request.'),
    code: z.string().describe('A stable, machine-readable code such as validation_failed or forbidden.'),
    instance: z.string().describe('The path that was requested.'),
    requestId: z.string().describe('Quote this when reporting a problem.'),
    errors: z.array(problemFieldSchema).optional().describe('One entry per invalid field.'),
  })
  .meta({ id: 'Problem' });

const PROBLEM_DESCRIPTIONS = {
  400: 'The request is not valid; `errors` lists each field.',
  401: 'Sign in, or send a personal API token as a Bearer token.',
  403: 'You may not do this.',
  404: 'Nothing exists here, or you may not see it.',
  409: 'The request conflicts with the current state.',
} as const;

export type ProblemStatus = keyof typeof PROBLEM_DESCRIPTIONS;

/** Error responses of an operation, each an application/problem+json document. */
export function problemResponses<const Statuses extends readonly ProblemStatus[]>(...statuses: Statuses) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status],
        content: { 'application/problem+json': { schema: problemSchema } },
      },
    ]),
  ) as Record<
    Statuses[number],
    { description: string; content: { 'application/problem+json': { schema: typeof problemSchema } } }
  >;
}

type SecurityRequirements = ReadonlyArray<Record<string, readonly string[]>>;

/** Security requirement of operations that need a signed-in person. */
export const SIGNED_IN: SecurityRequirements = [{ bearerAuth: [] }, { cookieAuth: [] }];

/** Security requirement of public operations: a credential is optional and may show more. */
export const OPTIONALLY_SIGNED_IN: SecurityRequirements = [{}, { bearerAuth: [] }, { cookieAuth: [] }];

/** Security requirement of operations only a browser session may call. */
export const SESSION_ONLY: SecurityRequirements = [{ cookieAuth: [] }];
