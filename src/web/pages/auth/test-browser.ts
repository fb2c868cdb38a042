import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A cookie-keeping client over app.inject, so HTTP tests follow the same steps as a person with
 * a browser: open a page, fill in its form (CSRF token included), follow redirects.
 */
export class TestBrowser {
  private readonly jar = new Map<string, string>();

  constructor(
    private readonly app: FastifyInstance,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  get cookies(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  hasCookie(suffix: string): boolean {
    return [...this.jar.keys()].some((name) => name.endsWith(suffix));
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: this.headers(headers) });
    this.keep(response);
    return response;
  }

  /** Opens `page`, takes its CSRF token and posts `fields` to `action`. */
  async submit(page: string, action: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    const form = await this.get(page);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${page} (status ${form.statusCode})`);
    return this.post(action, { _csrf: token, ...fields });
  }

  async post(action: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'POST',
      url: action,
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      payload: new URLSearchParams(fields).toString(),
    });
    this.keep(response);
    return response;
  }

  private headers(headers: Record<string, string>): Record<string, string> {
    const cookies = this.cookies;
    return { ...this.extraHeaders, ...headers, ...(cookies ? { cookie: cookies } : {}) };
  }

  private keep(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      const expired =
        cookie.value === '' || cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires < new Date());
      if (expired) this.jar.delete(cookie.name);
      else this.jar.set(cookie.name, cookie.value);
    }
  }
}

/** The first link in a text that starts with `prefix`. */
export function findLink(text: string, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s<>"']+`).exec(text);
  if (!match) throw new Error(`no link starting with ${prefix}`);
  return match[0];
}

/** A path and query from an absolute URL, for app.inject. */
export function pathOf(url: string): string {
  const parsed = new URL(url, 'http://localhost:3000');
  return `${parsed.pathname}${parsed.search}`;
}
