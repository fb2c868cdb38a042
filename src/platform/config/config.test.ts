import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_SECRET, loadConfig } from './index.ts';

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
});
