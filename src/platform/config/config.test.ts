import { describe, expect, it } from 'vitest';
import { DEFAULT_HOT_CACHE_SECONDS, DEFAULT_UPLOAD_MAX_BYTES, DEVELOPMENT_SECRET, loadConfig } from './index.ts';

describe('loadConfig', () => {
  it('uses the embedded database, port 3000 and demo data by default', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database.kind).toBe('pglite');
    expect(config.demo).toBe(true);
    expect(config.baseUrl).toBe('http://localhost:3000');
  });

  it('turns demo data off by default on PostgreSQL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://localhost/orbis' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://localhost/orbis' });
    expect(config.demo).toBe(false);
  });

  it('names the variable that has a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ORBIS_DEMO: 'maybe' })).toThrow(/ORBIS_DEMO/);
    expect(() => loadConfig({ ORBIS_BASE_URL: 'not a url' })).toThrow(/ORBIS_BASE_URL/);
  });

  it('refuses to start in production without a real secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ORBIS_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', ORBIS_SECRET: DEVELOPMENT_SECRET })).toThrow(/ORBIS_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', ORBIS_SECRET: 'short' })).toThrow(/ORBIS_SECRET/);
    const config = loadConfig({ NODE_ENV: 'production', ORBIS_SECRET: 'x'.repeat(40) });
    expect(config.secret).toBe('x'.repeat(40));
  });

  it('stores media on local disk under the data directory unless a bucket is named', () => {
    const config = loadConfig({ ORBIS_DATA_DIR: '/srv/orbis' });
    expect(config.storage).toEqual({ kind: 'local', dir: '/srv/orbis/media' });
    expect(config.uploadMaxBytes).toBe(DEFAULT_UPLOAD_MAX_BYTES);
    expect(DEFAULT_UPLOAD_MAX_BYTES).toBe(200 * 1024 * 1024);
  });

  it('reads an S3-compatible bucket and defaults to path-style addressing for custom endpoints', () => {
    const config = loadConfig({
      ORBIS_S3_BUCKET: 'orbis-media',
      ORBIS_S3_ENDPOINT: 'http://127.0.0.1:9000/',
      ORBIS_S3_ACCESS_KEY_ID: 'key',
      ORBIS_S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(config.storage).toEqual({
      kind: 's3',
      bucket: 'orbis-media',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
    const aws = loadConfig({ ORBIS_S3_BUCKET: 'orbis-media', ORBIS_S3_REGION: 'eu-central-1' });
    expect(aws.storage).toMatchObject({ endpoint: null, region: 'eu-central-1', forcePathStyle: false });
    const virtualHosts = loadConfig({
      ORBIS_S3_BUCKET: 'orbis-media',
      ORBIS_S3_ENDPOINT: 'https://s3.example.org',
      ORBIS_S3_FORCE_PATH_STYLE: 'false',
    });
    expect(virtualHosts.storage).toMatchObject({ forcePathStyle: false });
  });

  it('explains bad storage settings', () => {
    expect(() => loadConfig({ ORBIS_S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(
      /ORBIS_S3_ENDPOINT is set but ORBIS_S3_BUCKET is not/,
    );
    expect(() => loadConfig({ ORBIS_S3_BUCKET: 'b', ORBIS_S3_ACCESS_KEY_ID: 'key' })).toThrow(/ORBIS_S3_BUCKET/);
    expect(() => loadConfig({ ORBIS_S3_BUCKET: 'bucket', ORBIS_S3_ACCESS_KEY_ID: 'key' })).toThrow(
      /ORBIS_S3_SECRET_ACCESS_KEY must be set together/,
    );
    expect(() => loadConfig({ ORBIS_S3_BUCKET: 'bucket', ORBIS_S3_ENDPOINT: 'ftp://x' })).toThrow(/ORBIS_S3_ENDPOINT/);
    expect(() => loadConfig({ ORBIS_S3_BUCKET: 'bucket', ORBIS_S3_FORCE_PATH_STYLE: 'maybe' })).toThrow(
      /ORBIS_S3_FORCE_PATH_STYLE/,
    );
    expect(() => loadConfig({ ORBIS_UPLOAD_MAX_BYTES: '-1' })).toThrow(/ORBIS_UPLOAD_MAX_BYTES/);
    expect(() => loadConfig({ ORBIS_UPLOAD_MAX_BYTES: 'lots' })).toThrow(/ORBIS_UPLOAD_MAX_BYTES/);
    expect(loadConfig({ ORBIS_UPLOAD_MAX_BYTES: '1048576' }).uploadMaxBytes).toBe(1048576);
  });

  it('reads the hot-path cache TTL in seconds, 10 by default and 0 to turn the caches off', () => {
    expect(DEFAULT_HOT_CACHE_SECONDS).toBe(10);
    expect(loadConfig({}).hotCacheTtlMs).toBe(10_000);
    expect(loadConfig({ ORBIS_HOT_CACHE_SECONDS: '' }).hotCacheTtlMs).toBe(10_000);
    expect(loadConfig({ ORBIS_HOT_CACHE_SECONDS: '30' }).hotCacheTtlMs).toBe(30_000);
    expect(loadConfig({ ORBIS_HOT_CACHE_SECONDS: '0' }).hotCacheTtlMs).toBe(0);
    expect(loadConfig({ ORBIS_HOT_CACHE_SECONDS: '3600' }).hotCacheTtlMs).toBe(3_600_000);
  });

  it('seals signing keys with ORBIS_KEY_ENCRYPTION_SECRET, else ORBIS_SECRET, refusing a short one', () => {
    const secret = 's'.repeat(40);
    const keySecret = 'k'.repeat(40);
    expect(loadConfig({ ORBIS_SECRET: secret }).keyEncryptionSecret).toBe(secret);
    expect(loadConfig({ ORBIS_SECRET: secret, ORBIS_KEY_ENCRYPTION_SECRET: keySecret }).keyEncryptionSecret).toBe(
      keySecret,
    );
    expect(() => loadConfig({ ORBIS_KEY_ENCRYPTION_SECRET: 'short' })).toThrow(/ORBIS_KEY_ENCRYPTION_SECRET/);
  });

  it('refuses a hot-path cache TTL that is not a whole number of seconds up to an hour', () => {
    for (const value of ['-1', '3601', '1.5', 'ten', '1e3', '0x10', 'Infinity']) {
      expect(() => loadConfig({ ORBIS_HOT_CACHE_SECONDS: value })).toThrow(
        /^Invalid configuration: ORBIS_HOT_CACHE_SECONDS must be a whole number of seconds from 0 \(caches off\) to 3600$/,
      );
    }
  });
});
