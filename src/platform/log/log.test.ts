import { describe, expect, it } from 'vitest';
import { redactUrl } from './index.ts';

describe('redactUrl', () => {
  it('keeps query names but never their values', () => {
    expect(redactUrl('/api/auth/verify-email?token=abc.def&callbackURL=/x')).toBe(
      '/api/auth/verify-email?token=[redacted]&callbackURL=[redacted]',
    );
  });

  it('hides tokens carried in invitation and reset paths', () => {
    expect(redactUrl('/invitations/s3cr3t/acceptance')).toBe('/invitations/[redacted]/acceptance');
    expect(redactUrl('/api/auth/reset-password/tok123?callbackURL=/p')).toBe(
      '/api/auth/reset-password/[redacted]?callbackURL=[redacted]',
    );
    expect(redactUrl('/institutions/tsinghua')).toBe('/institutions/tsinghua');
  });
});
