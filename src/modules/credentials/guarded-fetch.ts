/**
 * Fetching JSON from other issuers' hosts (did:web documents, status lists) without letting a
 * credential point the server at itself or its network: https only, port 443, every address
 * the name resolves to must be public, no redirects, a size cap and a deadline. The address
 * is checked in the socket's own lookup, so a second DNS answer cannot slip past the check.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

export class GuardedFetchError extends Error {
  override readonly name = 'GuardedFetchError';
}

// Two lists: Node's BlockList matches IPv4 addresses against IPv4-mapped IPv6 rules too, so
// one list holding ::ffff:0:0/96 would refuse every IPv4 address.
const blockedV4 = new BlockList();
const blockedV6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blockedV4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blockedV6.addSubnet(network, prefix, 'ipv6');
}

/** True for loopback, private, link-local, multicast, documentation and other non-public addresses. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return blockedV4.check(address, 'ipv4');
  // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) reaches the IPv4 host: judge that address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isNonPublicAddress(mapped[1]!);
  if (/^::ffff:/i.test(address)) return true;
  return blockedV6.check(address, 'ipv6');
}

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const unsafe = addresses.find((entry) => isNonPublicAddress(entry.address));
    if (unsafe || addresses.length === 0) {
      return callback(new GuardedFetchError(`${hostname} resolves to an address that is not public.`), '', 0);
    }
    if (options.all) return callback(null, addresses as unknown as string, 0);
    const first = addresses[0]!;
    return callback(null, first.address, first.family);
  });
};

export type GuardedFetchOptions = { timeoutMs?: number; maxBytes?: number };

/** GETs a JSON document over https from a public host; throws GuardedFetchError for anything else. */
export function fetchPublicJson(url: URL, options: GuardedFetchOptions = {}): Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBytes ?? 256 * 1024;
  if (url.protocol !== 'https:') return Promise.reject(new GuardedFetchError('Only https addresses are fetched.'));
  if (url.port !== '' && url.port !== '443') return Promise.reject(new GuardedFetchError('Only port 443 is fetched.'));
  if (url.username || url.password)
    return Promise.reject(new GuardedFetchError('Addresses with credentials are refused.'));
  if (isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0) {
    return Promise.reject(new GuardedFetchError('Addresses must use a host name, not an IP address.'));
  }
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        lookup: guardedLookup,
        headers: { accept: 'application/json, application/did+json' },
        timeout: timeoutMs,
      },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new GuardedFetchError(`${url.host} answered ${response.statusCode ?? 'nothing'}.`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy(new GuardedFetchError(`${url.host} sent more than ${maxBytes} bytes.`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            reject(new GuardedFetchError(`${url.host} sent something that is not JSON.`));
          }
        });
        response.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new GuardedFetchError(`${url.host} did not answer within ${timeoutMs} ms.`)));
    req.on('error', (error) =>
      reject(error instanceof GuardedFetchError ? error : new GuardedFetchError(error.message)),
    );
    req.end();
  });
}
