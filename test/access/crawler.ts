import type { FastifyInstance } from 'fastify';

/*
 * A crawler for leak tests: it fills every registered GET route's parameters from a table of
 * real values, fetches each address as each of a visitor's credentials, and follows the links,
 * image sources and redirects it finds on the way, so pages reachable only through a query
 * string are fetched too.
 */

/** Route parameter name ("*" for a wildcard) to the values to try; every combination is fetched. */
export type ParameterValues = Record<string, readonly string[]>;

export type Credential = { label: string; headers: Record<string, string> };

export type Fetched = {
  url: string;
  credential: string;
  status: number;
  contentType: string;
  body: string;
  /** Every response header, as "name: value" lines. */
  headerText: string;
};

const PARAMETER = /:([A-Za-z_]\w*)(\([^)]*\))?/g;

/** The parameter names of a route pattern such as /learn/:courseKey/:runCode or /api/auth/*. */
export function listParameters(pattern: string): string[] {
  const names = [...pattern.matchAll(PARAMETER)].map((match) => match[1]!);
  return pattern.includes('*') ? [...names, '*'] : names;
}

/** Every address a route pattern names with the given values; throws on a parameter with none. */
export function fillRoute(pattern: string, values: ParameterValues): string[] {
  let addresses = [''];
  const parts = pattern.split(/(:[A-Za-z_]\w*(?:\([^)]*\))?|\*)/);
  for (const part of parts) {
    const name = part === '*' ? '*' : part.startsWith(':') ? part.slice(1).replace(/\(.*$/, '') : null;
    if (name === null) {
      addresses = addresses.map((address) => address + part);
      continue;
    }
    const choices = values[name];
    if (!choices || choices.length === 0) throw new Error(`no value for :${name} in ${pattern}`);
    addresses = addresses.flatMap((address) => choices.map((choice) => address + encodeURIComponent(choice)));
  }
  return addresses;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', '#39': "'", '#x27': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|quot|apos|lt|gt|#39|#x27);/g, (_all, name: string) => ENTITIES[name]!);
}

/** Same-site addresses a response points to: links, sources and its redirect. */
function extractLinks(fetched: Fetched, location: string | undefined, base: URL): string[] {
  const found = location ? [location] : [];
  if (fetched.contentType.includes('html')) {
    for (const match of fetched.body.matchAll(/\s(?:href|src)="([^"]*)"/g)) found.push(decodeEntities(match[1]!));
  }
  const addresses: string[] = [];
  for (const link of found) {
    let resolved: URL;
    try {
      resolved = new URL(link, new URL(fetched.url, base));
    } catch {
      continue;
    }
    if (resolved.origin === base.origin) addresses.push(resolved.pathname + resolved.search);
  }
  return addresses;
}

export type CrawlOptions = {
  app: FastifyInstance;
  baseUrl: string;
  seeds: string[];
  /** The credentials each address is fetched with. */
  credentialsFor: (url: string) => Credential[];
  /** Addresses never to fetch (they would end the visitor's session, say). */
  skip?: (url: string) => boolean;
  maxAddresses: number;
};

export type CrawlResult = {
  fetched: Fetched[];
  /** How many addresses were visited. */
  addresses: number;
  /** Whether addresses were left unvisited because `maxAddresses` was reached. */
  truncated: boolean;
};

/** Fetches the seeds and everything they lead to, breadth first, up to `maxAddresses` addresses. */
export async function crawl(options: CrawlOptions): Promise<CrawlResult> {
  const base = new URL(options.baseUrl);
  const queue = [...new Set(options.seeds)];
  const seen = new Set(queue);
  const fetched: Fetched[] = [];
  let next = 0;
  while (next < queue.length && next < options.maxAddresses) {
    const url = queue[next]!;
    next += 1;
    if (options.skip?.(url)) continue;
    for (const credential of options.credentialsFor(url)) {
      const response = await options.app.inject({ method: 'GET', url, headers: credential.headers });
      const page: Fetched = {
        url,
        credential: credential.label,
        status: response.statusCode,
        contentType: String(response.headers['content-type'] ?? ''),
        body: response.body,
        headerText: Object.entries(response.headers)
          .map(([name, value]) => `${name}: ${[value].flat().join(', ')}`)
          .join('\n'),
      };
      fetched.push(page);
      const location = typeof response.headers.location === 'string' ? response.headers.location : undefined;
      for (const link of extractLinks(page, location, base)) {
        if (seen.has(link)) continue;
        seen.add(link);
        queue.push(link);
      }
    }
  }
  return { fetched, addresses: next, truncated: next < queue.length };
}

/** Each marker found in a response's body or headers, case aside, with where it was planted. */
export function findMarkers(fetched: readonly Fetched[], markers: ReadonlyMap<string, string>): string[] {
  const lowered = [...markers].map(([marker, origin]) => [marker.toLowerCase(), origin] as const);
  return fetched.flatMap((page) => {
    const body = page.body.toLowerCase();
    const headers = page.headerText.toLowerCase();
    return lowered.flatMap(([marker, origin]) => [
      ...(body.includes(marker) ? [`${page.url} as ${page.credential} (${page.status}), body: ${origin}`] : []),
      ...(headers.includes(marker) ? [`${page.url} as ${page.credential} (${page.status}), headers: ${origin}`] : []),
    ]);
  });
}
