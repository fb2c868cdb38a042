import type { FastifyReply, FastifyRequest } from 'fastify';
import { toAuthHeaders } from '../../http.ts';

export type AuthCallResult = {
  status: number;
  ok: boolean;
  /** Better Auth's error code, such as INVALID_EMAIL_OR_PASSWORD, or null on success. */
  code: string | null;
  body: Record<string, unknown> | null;
  cookies: string[];
};

/**
 * Calls a Better Auth endpoint through its router rather than `auth.api`, because only the router
 * applies the database-backed rate limits. The form itself has already passed our CSRF check, so
 * the request is presented with our own origin.
 */
export async function callAuth(
  request: FastifyRequest,
  path: string,
  body: Record<string, unknown> | null,
): Promise<AuthCallResult> {
  const { auth, config } = request.server.platform;
  const headers = toAuthHeaders(request);
  for (const name of ['content-length', 'content-type', 'origin', 'referer', 'authorization']) headers.delete(name);
  headers.set('origin', new URL(config.baseUrl).origin);
  if (body) headers.set('content-type', 'application/json');
  const response = await auth.handler(
    new Request(new URL(`/api/auth${path}`, config.baseUrl), {
      method: body ? 'POST' : 'GET',
      headers,
      ...(body ? { body: JSON.stringify(body) } : {}),
    }),
  );
  const parsed = await readJson(response);
  const ok = response.status >= 200 && response.status < 300;
  const code = ok ? null : typeof parsed?.code === 'string' ? parsed.code : `HTTP_${response.status}`;
  return { status: response.status, ok, code, body: parsed, cookies: response.headers.getSetCookie() };
}

async function readJson(response: Response): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = await response.json();
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Passes Better Auth's session cookies on to the browser. */
export function forwardCookies(reply: FastifyReply, cookies: string[]): void {
  if (cookies.length === 0) return;
  const existing = reply.getHeader('set-cookie');
  const list = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
  reply.header('set-cookie', [...list, ...cookies]);
}

export function isRateLimited(result: AuthCallResult): boolean {
  return result.status === 429;
}
