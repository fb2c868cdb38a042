import { Signer } from '@fastify/cookie';
import { describe, expect, it } from 'vitest';
import { createRememberingSigner } from './cookie-signer.ts';

const SECRET = 'a-test-secret-of-at-least-32-characters';

describe('the remembering cookie signer', () => {
  it('signs and checks as the plain signer does', () => {
    const signer = createRememberingSigner(SECRET);
    const plain = new Signer(SECRET);
    const signed = signer.sign('csrf-secret');
    expect(signed).toBe(plain.sign('csrf-secret'));
    expect(signer.unsign(signed)).toEqual({ valid: true, renew: false, value: 'csrf-secret' });
    // Remembered: the same answer again.
    expect(signer.unsign(signed)).toEqual({ valid: true, renew: false, value: 'csrf-secret' });
  });

  it('refuses altered, foreign and unsigned values every time', () => {
    const signer = createRememberingSigner(SECRET);
    const signed = signer.sign('csrf-secret');
    const altered = `csrf-secreT${signed.slice('csrf-secret'.length)}`;
    const foreign = new Signer('another-secret-of-at-least-32-characters').sign('csrf-secret');
    for (const input of [altered, foreign, 'csrf-secret', '']) {
      expect(signer.unsign(input).valid).toBe(false);
      expect(signer.unsign(input).valid).toBe(false);
    }
    expect(signer.unsign(signed).valid).toBe(true);
  });

  it('keeps at most its bound, and still checks what it forgot', () => {
    const signer = createRememberingSigner(SECRET, 2);
    const values = ['one', 'two', 'three'].map((value) => signer.sign(value));
    for (const value of values) signer.unsign(value);
    expect(values.map((value) => signer.unsign(value).value)).toEqual(['one', 'two', 'three']);
  });
});
