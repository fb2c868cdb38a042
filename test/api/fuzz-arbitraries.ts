import fc from 'fast-check';

/**
 * Generators of hostile requests: path segments, query strings and JSON bodies of every shape,
 * mixing the names an operation declares with names an attacker would try.
 */

export type FuzzOperation = {
  method: string;
  path: string;
  operationId: string;
  parameterNames: string[];
  bodyFields: string[];
};

export type FuzzRequest = {
  credential: 'token' | 'session' | 'anonymous';
  url: string;
  body: string | Buffer | undefined;
  contentType: string | undefined;
  origin: string | undefined;
};

const SUSPICIOUS_KEYS = [
  'role',
  'isAdmin',
  'platformRole',
  'email',
  'emailVerified',
  'id',
  'userId',
  'suspended',
  '__proto__',
  'constructor',
  'prototype',
  'visibility',
  'token',
  '',
];

const LONE_SURROGATES = ['\ud800', 'a\udfffb', '\udc00\ud800', 'x\ud83d'];

/** Text made to hurt: control characters, lone surrogates, right-to-left marks, SQL and LIKE syntax. */
const nastyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    ...LONE_SURROGATES,
    '\u0000',
    'a\u0000b',
    '\u202eevil',
    "'; drop table idn_user; --",
    '%_\\',
    '50%',
    '   ',
    'KE',
    'ke',
    'zh-Hans',
    'ar',
    'secretariat',
    'africa',
    'university',
    'admin',
    '1e309',
    '-0',
    '0x10',
    'NaN',
    'Infinity',
    '9'.repeat(400),
  ),
);

const hugeText = fc.integer({ min: 1, max: 4 }).map((power) => 'x'.repeat(5 * 10 ** power));

function nestedArrayText(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

function nestedObjectText(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A JSON value, written as JSON text so that deep nesting needs no recursion to build. */
const valueText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)), weight: 4 },
  { arbitrary: nastyText.map((value) => JSON.stringify(value)), weight: 4 },
  { arbitrary: hugeText.map((value) => JSON.stringify(value)), weight: 1 },
  {
    arbitrary: fc
      .oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1, 30, 365, 366, 1e308, 2 ** 53 + 1))
      .map((value) => JSON.stringify(value)),
    weight: 2,
  },
  { arbitrary: fc.constantFrom('null', 'true', 'false', '[]', '{}', '""'), weight: 2 },
  { arbitrary: fc.integer({ min: 2, max: 3000 }).map(nestedArrayText), weight: 1 },
  { arbitrary: fc.integer({ min: 2, max: 3000 }).map(nestedObjectText), weight: 1 },
);

/** Written by hand so that keys such as __proto__ and duplicates reach the server as sent. */
function objectText(keys: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(keys, valueText), { maxLength: 8 })
    .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`);
}

function keysFor(declared: string[]): fc.Arbitrary<string> {
  const known = declared.length > 0 ? [fc.constantFrom(...declared)] : [];
  return fc.oneof(...known, ...known, fc.constantFrom(...SUSPICIOUS_KEYS), fc.string({ maxLength: 12 }));
}

const plausibleValue = fc.constantFrom('"Export script"', '"KE"', '"zh-Hans"', '"ar"', 'null', '30', '"A short bio."');

function bodyFor(operation: FuzzOperation): fc.Arbitrary<string | Buffer> {
  const declared = operation.bodyFields.length > 0 ? operation.bodyFields : ['name'];
  const plausible = fc
    .uniqueArray(fc.constantFrom(...declared), { minLength: 1 })
    .chain((keys) => fc.tuple(...keys.map((key) => plausibleValue.map((value) => `${JSON.stringify(key)}:${value}`))))
    .map((pairs) => `{${pairs.join(',')}}`);
  return fc.oneof(
    { arbitrary: plausible, weight: 6 },
    { arbitrary: objectText(keysFor(operation.bodyFields)), weight: 8 },
    { arbitrary: valueText, weight: 2 },
    {
      arbitrary: fc.constantFrom(
        '',
        '{',
        '{"name":',
        '{"name":"a"}{"name":"b"}',
        '{"__proto__":{"isAdmin":true},"name":"x"}',
        '{"constructor":{"prototype":{"isAdmin":true}}}',
        '{"name":"\\ud800"}',
        '\u0000',
      ),
      weight: 2,
    },
    { arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from([0x7b, 0x22, ...bytes])), weight: 1 },
  );
}

/** A path segment, percent-encoded when possible and deliberately mis-encoded otherwise. */
function segmentFor(validValues: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...validValues), weight: 3 },
    { arbitrary: fc.uuid().map(String), weight: 2 },
    { arbitrary: nastyText.map(encodeSegment), weight: 4 },
    {
      arbitrary: fc.constantFrom('%00', '%FF', '%ED%A0%80', '..%2F..', '%2e%2e', '__proto__', 'constructor', '%'),
      weight: 2,
    },
    { arbitrary: fc.integer({ min: 100, max: 5000 }).map((length) => 'k'.repeat(length)), weight: 1 },
  );
}

function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // Lone surrogates cannot be encoded; send the bytes a broken client would.
    return '%ED%A0%80';
  }
}

function queryFor(operation: FuzzOperation): fc.Arbitrary<string> {
  const pair = fc.tuple(
    keysFor(operation.parameterNames),
    fc.oneof(
      nastyText,
      hugeText.map((text) => text.slice(0, 20_000)),
    ),
  );
  return fc.oneof(
    { arbitrary: fc.array(pair, { maxLength: 6 }).map((pairs) => pairs.map(encodePair).join('&')), weight: 8 },
    {
      arbitrary: fc.constantFrom('page[]=1', 'a[b][c]=1', '&&&', '=', 'page=1&page=2', '%zz=1', '__proto__[x]=1'),
      weight: 2,
    },
  );
}

function encodePair([key, value]: [string, string]): string {
  return `${encodeSegment(key)}=${encodeSegment(value)}`;
}

/** Requests for one operation, as anyone, with or without a body of any content type. */
export function requestsFor(operation: FuzzOperation, validPathValues: string[]): fc.Arbitrary<FuzzRequest> {
  const hasBody = operation.method === 'POST' || operation.method === 'PATCH' || operation.method === 'PUT';
  const segments = operation.path.match(/\{\w+\}/g) ?? [];
  return fc.record({
    credential: fc.constantFrom<FuzzRequest['credential']>(
      'token',
      'token',
      'token',
      'anonymous',
      'anonymous',
      'session',
    ),
    url: fc
      .tuple(
        fc.array(segmentFor(validPathValues), { minLength: segments.length, maxLength: segments.length }),
        fc.option(queryFor(operation)),
      )
      .map(([values, query]) => {
        let index = 0;
        const path = operation.path.replace(/\{\w+\}/g, () => values[index++]!);
        return query === null ? path : `${path}?${query}`;
      }),
    body: fc.option(bodyFor(operation), { freq: hasBody ? 12 : 2, nil: undefined }),
    contentType: fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 8 },
      {
        arbitrary: fc.constantFrom(
          'application/json; charset=utf-8',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/merge-patch+json',
          'multipart/form-data; boundary=x',
        ),
        weight: 2,
      },
      { arbitrary: fc.constant(undefined), weight: 1 },
    ),
    origin: fc.option(fc.constantFrom('http://localhost:3000', 'https://evil.example', 'null'), { nil: undefined }),
  });
}
