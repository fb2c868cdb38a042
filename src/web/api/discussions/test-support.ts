import type { LightMyRequestResponse } from 'fastify';
import { createTokenFor } from '../../../../test/api/support.ts';
import { FORUM_ROLES, createForumWorld, type ForumRole } from '../../pages/forum/test-world.ts';

const OWN_ORIGIN = 'http://localhost:3000';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Via = 'session' | 'token';
/** A browser session of someone outside the cast, such as a learner made for one test. */
export type Session = { cookies: string; token: string };
export type Caller = ForumRole | Session;

/** Who reads the forum of run SP, and everyone else with the answer they get for any forum operation. */
export const OUTSIDERS: Record<'anonymous' | 'stranger' | 'otherRun' | 'author', number> = {
  anonymous: 401,
  stranger: 404,
  otherRun: 404,
  author: 404,
};

/** The same status for every role. */
export function everyone(status: number): Record<ForumRole, number> {
  return Object.fromEntries(FORUM_ROLES.map((role) => [role, status])) as Record<ForumRole, number>;
}

/** A status for each reader of the forum, the outsiders' answers for the rest. */
export function readers(
  learners: number,
  staff: number = learners,
  overrides: Partial<Record<ForumRole, number>> = {},
): Record<ForumRole, number> {
  return {
    ...OUTSIDERS,
    assistant: staff,
    ownerAdmin: staff,
    lead: staff,
    learner: learners,
    classmate: learners,
    ...overrides,
  };
}

/**
 * The forum world with JSON calls in every method, by browser session (from this site) or by
 * personal API token, and shortcuts to start threads and reply in run SP.
 */
export async function createForumApiWorld() {
  const w = await createForumWorld();
  const tokens = new Map<ForumRole, string>();

  async function tokenOf(who: ForumRole): Promise<string> {
    const known = tokens.get(who);
    if (known) return known;
    if (who === 'anonymous' || who === 'classmate') throw new Error(`no token for ${who}`);
    const token = await createTokenFor(w.ctx, w.people[who].user as Parameters<typeof createTokenFor>[1]);
    tokens.set(who, token);
    return token;
  }

  /** A JSON request as `who`; anonymous requests carry no credential at all. */
  async function call(
    who: Caller,
    method: Method,
    url: string,
    body?: unknown,
    options: { via?: Via; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (typeof who === 'string' && who !== 'anonymous' && options.via === 'token') {
      headers.authorization = `Bearer ${await tokenOf(who)}`;
    } else if (who !== 'anonymous') {
      headers.cookie = typeof who === 'string' ? w.sessions[who].cookies : who.cookies;
      headers.origin = OWN_ORIGIN;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    return w.ctx.app.inject({
      method,
      url,
      headers: { ...headers, ...options.headers },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  }

  async function userIdOf(who: Caller): Promise<string> {
    const response = await call(who, 'GET', '/api/v1/me');
    return (response.json() as { id: string }).id;
  }

  let counter = 0;

  /** A new thread of `who` in run SP; returns its id and its opening post's. */
  async function startThread(
    who: Caller,
    fields: Record<string, unknown> = {},
  ): Promise<{ threadId: number; openingId: number }> {
    counter += 1;
    const response = await call(who, 'POST', w.paths.apiThreads(), {
      title: `Thread ${counter}`,
      body: `Opening post ${counter}.`,
      ...fields,
    });
    if (response.statusCode !== 201) throw new Error(`startThread: ${response.statusCode} ${response.body}`);
    const thread = response.json() as { id: number; opening: { id: number } };
    return { threadId: thread.id, openingId: thread.opening.id };
  }

  /** A reply of `who` to the thread; returns the post's id. */
  async function replyTo(who: Caller, threadId: number, fields: Record<string, unknown> = {}): Promise<number> {
    counter += 1;
    const response = await call(who, 'POST', `${w.paths.apiThread(threadId)}/replies`, {
      body: `Reply ${counter}.`,
      ...fields,
    });
    if (response.statusCode !== 201) throw new Error(`replyTo: ${response.statusCode} ${response.body}`);
    return (response.json() as { postId: number }).postId;
  }

  return { ...w, call, tokenOf, userIdOf, startThread, replyTo };
}

export type ForumApiWorld = Awaited<ReturnType<typeof createForumApiWorld>>;
