import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { LocalizedText } from '../institutions/index.ts';
import type { TeamRole } from './model.ts';
import type { crsTeamInvitation } from './schema.ts';
import { teamRoleSchema } from './team.ts';

export const TEAM_INVITATION_LIFETIME_DAYS = 14;

export type TeamInvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

export type TeamInvitationSummary = {
  uuid: string;
  courseId: number;
  courseKey: string;
  /** The course title from the draft, so an invitee sees what they are asked to join. */
  courseTitle: LocalizedText;
  email: string;
  role: TeamRole;
  /** The owning institution the person will teach for. */
  institution: { id: number; key: string; name: LocalizedText };
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  state: TeamInvitationState;
};

/**
 * Writes the team invitation e-mail; supplied by the web layer, which owns translations and
 * knows the public address where the token is accepted.
 */
export type TeamInvitationMailComposer = (input: {
  token: string;
  email: string;
  role: TeamRole;
  course: { key: string; title: LocalizedText };
  institution: { key: string; name: LocalizedText };
  expiresAt: Date;
}) => { subject: string; text: string; html?: string; locale: string };

export const newTeamInvitationSchema = z.strictObject({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'must be an e-mail address' }).max(254, 'must be at most 254 characters')),
  role: teamRoleSchema,
  institutionId: z.number().int().positive(),
});
export type NewTeamInvitation = z.input<typeof newTeamInvitationSchema>;

export type InvitationRow = typeof crsTeamInvitation.$inferSelect;

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function stateOfTeamInvitation(
  row: Pick<InvitationRow, 'acceptedAt' | 'revokedAt' | 'expiresAt'>,
  now: Date,
): TeamInvitationState {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
