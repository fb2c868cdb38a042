import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/index.ts';
import {
  canCreateInstitution,
  canManageInstitution,
  canSetMembershipStatus,
  canViewInstitution,
  isPublicStatus,
} from './policies.ts';

const actor = (memberships: Actor['memberships'], isSecretariat = false): Actor => ({
  userId: 'u',
  isSecretariat,
  memberships,
  via: 'session',
});

const learner = actor([]);
const adminOfOne = actor([{ institutionId: 1, role: 'admin' }]);
const instructorOfOne = actor([{ institutionId: 1, role: 'instructor' }]);
const secretariat = actor([], true);

describe('institution policies', () => {
  it('let only the secretariat create institutions and change membership status', () => {
    expect([learner, adminOfOne, secretariat, null].map(canCreateInstitution)).toEqual([false, false, true, false]);
    expect([learner, adminOfOne, secretariat, null].map(canSetMembershipStatus)).toEqual([false, false, true, false]);
  });

  it('let an admin manage their own institution but never another one', () => {
    expect(canManageInstitution(adminOfOne, 1)).toBe(true);
    expect(canManageInstitution(adminOfOne, 2)).toBe(false);
    expect(canManageInstitution(instructorOfOne, 1)).toBe(false);
    expect(canManageInstitution(learner, 1)).toBe(false);
    expect(canManageInstitution(null, 1)).toBe(false);
    expect(canManageInstitution(secretariat, 2)).toBe(true);
  });

  it('show applicants and suspended members only to their people and the secretariat', () => {
    expect(isPublicStatus('member') && isPublicStatus('founding_member')).toBe(true);
    expect(isPublicStatus('applicant') || isPublicStatus('suspended')).toBe(false);
    const applicant = { id: 1, membershipStatus: 'applicant' as const };
    expect(canViewInstitution(null, applicant)).toBe(false);
    expect(canViewInstitution(learner, applicant)).toBe(false);
    expect(canViewInstitution(instructorOfOne, applicant)).toBe(true);
    expect(canViewInstitution(secretariat, applicant)).toBe(true);
    expect(canViewInstitution(null, { id: 1, membershipStatus: 'founding_member' })).toBe(true);
  });
});
