/**
 * Which representation of a credential a request asks for. A credential's `id` is the address
 * of its page, so a wallet or verifier that dereferences the id must get JSON while a browser,
 * which lists text/html first, gets the page.
 */

export const CREDENTIAL_JSON_TYPES = ['application/vc+ld+json', 'application/ld+json', 'application/json'] as const;
export type CredentialJsonType = (typeof CREDENTIAL_JSON_TYPES)[number];
const HTML_TYPES = ['text/html', 'application/xhtml+xml'];

type Range = { type: string; q: number; order: number };

function parseAccept(header: string): Range[] {
  return header
    .split(',')
    .slice(0, 32)
    .map((part, order) => {
      const [type = '', ...parameters] = part.trim().toLowerCase().split(';');
      const quality = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = quality ? Number(quality.slice(2)) : 1;
      return { type: type.trim(), q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0, order };
    })
    .filter((range) => range.type.length > 0 && range.q > 0);
}

/**
 * The JSON type the request prefers over HTML, or null for the page. Only explicitly named types
 * count: wildcards (`*` + `/*`) mean a browser or a tool that takes anything, and they get the page;
 * a tie goes to HTML.
 */
export function preferredJsonType(accept: string | undefined): CredentialJsonType | null {
  if (!accept) return null;
  const ranges = parseAccept(accept);
  const html = Math.max(0, ...ranges.filter((range) => HTML_TYPES.includes(range.type)).map((range) => range.q));
  const json = ranges
    .filter((range): range is Range & { type: CredentialJsonType } =>
      (CREDENTIAL_JSON_TYPES as readonly string[]).includes(range.type),
    )
    .sort((left, right) => right.q - left.q || left.order - right.order)[0];
  return json && json.q > html ? json.type : null;
}
