import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeBase64url } from './multibase.ts';
import {
  allocateStatusIndex,
  buildStatusListCredential,
  buildStatusListEntry,
  MIN_STATUS_LIST_LENGTH,
  readStatusBit,
  StatusList,
  StatusListError,
} from './status-list.ts';

describe('bitstring status list', () => {
  it('holds at least 131,072 entries and sets and reads bits', () => {
    const list = StatusList.create();
    expect(list.length).toBe(131_072);
    expect(list.get(0)).toBe(false);
    list.set(0, true);
    list.set(131_071, true);
    list.set(42, true);
    list.set(42, false);
    expect([list.get(0), list.get(42), list.get(131_071)]).toEqual([true, false, true]);
    expect(() => list.get(131_072)).toThrow(StatusListError);
    expect(() => list.set(-1, true)).toThrow(StatusListError);
    expect(() => StatusList.create(1000)).toThrow(StatusListError);
  });

  it('puts index 0 in the most significant bit of the first byte', () => {
    const list = StatusList.create();
    list.set(0, true);
    list.set(9, true);
    expect([...list.bits.subarray(0, 2)]).toEqual([0b1000_0000, 0b0100_0000]);
  });

  it('encodes as GZIP then base64url with the multibase prefix u, and decodes', () => {
    const list = StatusList.create();
    for (const index of [3, 1000, 99_999]) list.set(index, true);
    const encoded = list.encode();
    expect(encoded).toMatch(/^uH4sI[\w-]+$/);
    const decoded = StatusList.decode(encoded);
    expect(decoded.length).toBe(MIN_STATUS_LIST_LENGTH);
    expect([decoded.get(3), decoded.get(4), decoded.get(1000), decoded.get(99_999)]).toEqual([true, false, true, true]);
  });

  it('refuses lists that are short, unprefixed, not GZIP or too large when inflated', () => {
    const short = `u${encodeBase64url(gzipSync(new Uint8Array(100)))}`;
    expect(() => StatusList.decode(short)).toThrow(/shorter than 131,072/);
    expect(() => StatusList.decode(StatusList.create().encode().slice(1))).toThrow(/prefix/);
    expect(() => StatusList.decode('uAAAA')).toThrow(StatusListError);
    const bomb = `u${encodeBase64url(gzipSync(new Uint8Array(17 * 1024 * 1024)))}`;
    expect(() => StatusList.decode(bomb)).toThrow(/acceptable size/);
  });

  it('allocates random free indexes and says when the list is full', () => {
    const taken = new Set<number>();
    for (let count = 0; count < 500; count += 1) {
      const index = allocateStatusIndex(taken);
      expect(taken.has(index)).toBe(false);
      taken.add(index);
    }
    // Random, not sequential: 500 draws spread over the whole list.
    const sorted = [...taken].sort((left, right) => left - right);
    expect(sorted[0]).toBeLessThan(MIN_STATUS_LIST_LENGTH / 10);
    expect(sorted[sorted.length - 1]).toBeGreaterThan((MIN_STATUS_LIST_LENGTH * 9) / 10);
    const buckets = new Array<number>(8).fill(0);
    for (const index of taken) buckets[Math.floor((index / MIN_STATUS_LIST_LENGTH) * 8)]! += 1;
    expect(Math.min(...buckets)).toBeGreaterThan(30);

    expect(allocateStatusIndex((index) => index !== 77_777)).toBe(77_777);
    expect(() => allocateStatusIndex(() => true)).toThrow(/full/);
  });

  it('builds entries and the list credential, and reads a credential status from it', () => {
    const url = 'https://orbis.example/status/uni-a/revocation/1';
    const entry = buildStatusListEntry(url, 'revocation', 94_567);
    expect(entry).toEqual({
      id: `${url}#94567`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: url,
    });
    const list = StatusList.create();
    list.set(94_567, true);
    const credential = buildStatusListCredential({
      id: url,
      issuer: 'did:web:orbis.example:institutions:uni-a',
      statusPurpose: 'revocation',
      list,
      validFrom: '2026-05-01T00:00:00Z',
      ttl: 300_000,
    });
    expect(credential).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', ttl: 300_000 },
    });
    expect(readStatusBit(entry, credential)).toBe(true);
    expect(readStatusBit(buildStatusListEntry(url, 'revocation', 5), credential)).toBe(false);
    expect(() => readStatusBit(buildStatusListEntry(url, 'suspension', 5), credential)).toThrow(
      /another status purpose/,
    );
    expect(() => readStatusBit(buildStatusListEntry(`${url}x`, 'revocation', 5), credential)).toThrow(/not the one/);
  });
});
