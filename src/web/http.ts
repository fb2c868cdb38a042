import type { FastifyRequest } from 'fastify';

/**
 * Headers for Better Auth built from a Fastify request. The client address is set by us, never
 * taken from the client, so forged forwarding headers cannot dodge rate limits.
 */
export function toAuthHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'x-orbis-client-ip') continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  headers.set('x-orbis-client-ip', request.ip);
  return headers;
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') && !request.url.startsWith('/api/docs');
}

/**
 * The entry of a fixed table for a word that came from the address or a form, or undefined.
 * Only the table's own entries count: a plain object also answers "toString" or "__proto__".
 */
export function pickOwnEntry<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}
