import { Signer, type UnsignResult } from '@fastify/cookie';

export type CookieSigner = { sign(value: string): string; unsign(input: string): UnsignResult };

/**
 * A cookie signer that checks each signed value once: the CSRF secret cookie is unsigned on
 * every signed-in page and every form post, always the same few values per person. Only valid
 * values are remembered (anyone can send invalid ones), at most `maxEntries`, oldest out first.
 */
export function createRememberingSigner(secret: string, maxEntries = 20_000): CookieSigner {
  const signer = new Signer(secret);
  const known = new Map<string, UnsignResult>();
  return {
    sign: (value) => signer.sign(value),
    unsign(input) {
      const remembered = known.get(input);
      if (remembered) return remembered;
      const result = signer.unsign(input);
      if (result.valid) {
        if (known.size >= maxEntries) known.delete(known.keys().next().value!);
        known.set(input, Object.freeze(result));
      }
      return result;
    },
  };
}
