import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { FuzzOperation, FuzzRequest } from './fuzz-arbitraries.ts';
import { OWN_ORIGIN } from './support.ts';

/**
 * The loop every fuzz file of an area runs: read the area's operations from the OpenAPI
 * document, send each one hostile requests as a chosen caller, fail on any answer >= 500, and
 * count the answers that came from beyond the validators so a file cannot pass by only ever
 * hitting them. What an area protects (its snapshot) and its own generators stay in its file.
 */

type OpenApiOperation = {
  operationId: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
};

/** How a caller of a fuzz run proves who they are: an API token and a browser session's cookies. */
export type FuzzCredentials = { token: string; cookie: string };

/** The operations of the app's OpenAPI document that carry one of `tags`. */
export async function readOperationsTagged(app: FastifyInstance, tags: readonly string[]): Promise<FuzzOperation[]> {
  const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => operation.tags?.some((tag) => tags.includes(tag)))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        parameterNames: (operation.parameters ?? []).filter((entry) => entry.in === 'query').map((entry) => entry.name),
        bodyFields: Object.keys(operation.requestBody?.content['application/json']?.schema.properties ?? {}),
      })),
  );
}

/** Successes, and refusals that only a service or handler gives after the input was accepted. */
export function passedValidation(response: LightMyRequestResponse): boolean {
  if (response.statusCode < 300) return true;
  if (![403, 404, 409].includes(response.statusCode)) return false;
  const { code } = response.json() as { code?: string };
  return code !== 'cross_site_write' && code !== 'not_found';
}

/** Whether the answer came from the operation's own route; a mangled path can land elsewhere. */
export function reachedRoute(operation: FuzzOperation, response: LightMyRequestResponse): boolean {
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) return true;
  const { instance } = response.json() as { instance?: string };
  const literal = operation.path.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`^${literal.join('[^/]+')}$`);
  return instance === undefined || pattern.test(instance);
}

/** The headers a request is sent with: the caller's token or session (from our origin unless it says otherwise). */
export function headersFor(request: FuzzRequest, caller: FuzzCredentials): Record<string, string> {
  const headers: Record<string, string> = {};
  if (request.credential === 'token') headers.authorization = `Bearer ${caller.token}`;
  if (request.credential === 'session') {
    headers.cookie = caller.cookie;
    headers.origin = request.origin ?? OWN_ORIGIN;
  } else if (request.origin) headers.origin = request.origin;
  if (request.body !== undefined && request.contentType) headers['content-type'] = request.contentType;
  return headers;
}

export type FuzzCampaign<Name extends string> = {
  app: FastifyInstance;
  operation: FuzzOperation;
  requests: fc.Arbitrary<FuzzRequest>;
  /** Who sends the requests; with several, each request goes out as one of them. */
  callers: Record<Name, FuzzCredentials>;
  numRuns: number;
  /**
   * A path such as /courses/%2e%2e/sections is normalised onto another address entirely; when
   * true, failures there are left to the fuzz file of that address. Off, every 5xx fails.
   */
  onlyOwnRouteFailures: boolean;
  /** Further checks of each answer; throw (or fail an expectation) to fail the run. */
  inspect?: (response: LightMyRequestResponse, caller: Name) => void;
  /** Whether an answer came from beyond the validators; `passedValidation` unless said otherwise. */
  reachedService?: (response: LightMyRequestResponse) => boolean;
};

/** Runs one operation's fuzz campaign and returns how many answers reached the service. */
export async function fuzzOperation<Name extends string>(campaign: FuzzCampaign<Name>): Promise<number> {
  const { app, operation, callers, onlyOwnRouteFailures } = campaign;
  const reachedService = campaign.reachedService ?? passedValidation;
  const names = Object.keys(callers) as Name[];
  let reached = 0;
  await fc.assert(
    fc.asyncProperty(campaign.requests, fc.constantFrom(...names), async (request, name) => {
      const response = await app.inject({
        method: operation.method as 'GET',
        url: request.url,
        headers: headersFor(request, callers[name]),
        ...(request.body === undefined ? {} : { payload: request.body }),
      });
      if (response.statusCode >= 500 && (!onlyOwnRouteFailures || reachedRoute(operation, response))) {
        throw new Error(`${operation.method} ${request.url} answered ${response.statusCode}: ${response.body}`);
      }
      campaign.inspect?.(response, name);
      if (reachedService(response)) reached += 1;
    }),
    { numRuns: campaign.numRuns },
  );
  return reached;
}
