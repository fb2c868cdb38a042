import { describe, expect, it } from 'vitest';
import { GuardedFetchError, fetchPublicJson, isNonPublicAddress } from './guarded-fetch.ts';

describe('fetching other issuers’ documents', () => {
  it('treats loopback, private, link-local, shared, documentation and mapped addresses as not public', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '198.51.100.7',
      '224.0.0.1',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      'not an address',
    ]) {
      expect(isNonPublicAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '151.101.1.69', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
      expect(isNonPublicAddress(address), address).toBe(false);
    }
  });

  it('refuses anything but https on port 443 to a host name, before any connection', async () => {
    for (const url of [
      'http://issuer.example/did.json',
      'https://issuer.example:8443/did.json',
      'https://user:secret@issuer.example/did.json',
      'https://127.0.0.1/did.json',
      'https://[::1]/did.json',
      'https://169.254.169.254/latest/meta-data',
    ]) {
      await expect(fetchPublicJson(new URL(url)), url).rejects.toBeInstanceOf(GuardedFetchError);
    }
  });

  it('refuses a host name that resolves to a loopback address, checked in the socket’s own lookup', async () => {
    await expect(fetchPublicJson(new URL('https://localhost/did.json'), { timeoutMs: 2000 })).rejects.toThrow(
      /not public/,
    );
  });
});
