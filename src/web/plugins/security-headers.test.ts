import { describe, expect, it } from 'vitest';
import { readSecurityHeaders } from './security-headers.ts';

describe('the security headers', () => {
  it('add HSTS and upgrade insecure requests only in production', () => {
    const production = readSecurityHeaders(true);
    expect(production['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(production['content-security-policy']).toContain('upgrade-insecure-requests');
    const development = readSecurityHeaders(false);
    expect(development['strict-transport-security']).toBeUndefined();
    expect(development['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('never allow inline script or framing by another site', () => {
    const csp = readSecurityHeaders(true)['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});
