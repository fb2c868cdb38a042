import type { ForumMember } from '../../../modules/discussions/index.ts';
import { MAX_MUTE_HOURS } from '../../../modules/discussions/index.ts';
import type { T } from '../../messages/index.ts';
import { ErrorSummary, TextAreaField, TextField, type FieldErrors } from '../../views/forms.tsx';
import type { ForumFrame } from './frame.ts';
import type { Notice } from './notices.ts';
import { FormBasics, ForumCrumbs, NoticeBanner, TimeStamp, countryLabel } from './parts.tsx';

export const STANDING_ACTIONS = ['grant_ta', 'remove_ta', 'mute', 'unmute', 'ban', 'unban'] as const;
export type StandingAction = (typeof STANDING_ACTIONS)[number];

/** The learner a moderator chose (from a post's "Moderate author" or the list), or why there is none. */
export type ChosenLearner = { found: true; member: ForumMember } | { found: false; userId: string } | null;

export type MembersState = {
  frame: ForumFrame;
  members: ForumMember[];
  chosen: ChosenLearner;
  notice: Notice | null;
  /** A refused change: the form it came from, what was typed, and what was wrong. */
  refused: { action: StandingAction; hours: string; reason: string; errors: FieldErrors } | null;
};

function isMuted(member: ForumMember, now: Date): boolean {
  return member.mutedUntil !== null && member.mutedUntil.getTime() > now.getTime();
}

function MembersTable({ state }: { state: MembersState }) {
  const { frame, members } = state;
  const { t, paths, now } = frame;
  if (members.length === 0) return <p>{t.t('forum.members.none')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t.t('forum.members.listTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t.t('forum.members.name')}</th>
            <th scope="col">{t.t('forum.members.standing')}</th>
            <th scope="col">{t.t('forum.members.reason')}</th>
            <th scope="col">{t.t('forum.members.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr>
              <td>
                {member.name}
                {member.country && <span class="hint"> · {countryLabel(t, member.country)}</span>}
              </td>
              <td>
                <StandingSummary t={t} member={member} now={now} />
              </td>
              <td dir="auto">{member.sanctionReason ?? ''}</td>
              <td>
                <a
                  href={paths.members(member.userId)}
                  aria-label={t.t('forum.members.changeFor', { name: member.name })}
                >
                  {t.t('forum.members.change')}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StandingSummary({ t, member, now }: { t: T; member: ForumMember; now: Date }) {
  const parts = [];
  if (member.communityTa) parts.push(<li>{t.t('forum.role.communityTa')}</li>);
  if (isMuted(member, now)) {
    parts.push(
      <li>
        {t.t('forum.members.mutedUntil')} <TimeStamp t={t} date={member.mutedUntil!} />
      </li>,
    );
  }
  if (member.bannedAt) parts.push(<li>{t.t('forum.members.banned')}</li>);
  if (parts.length === 0) return <>{t.t('forum.members.noStanding')}</>;
  return <ul class="forum-standing">{parts}</ul>;
}

function ActionButton({
  frame,
  member,
  action,
  label,
}: {
  frame: ForumFrame;
  member: ForumMember;
  action: StandingAction;
  label: string;
}) {
  return (
    <form method="post" action={frame.paths.members()} class="inline-form">
      <FormBasics frame={frame} next={frame.paths.members(member.userId)} />
      <input type="hidden" name="userId" value={member.userId} />
      <input type="hidden" name="action" value={action} />
      <button type="submit" class="button-secondary button-small">
        {label}
      </button>
    </form>
  );
}

/** A form that needs a reason (and, to mute, a number of hours). */
function SanctionForm({ state, member, action }: { state: MembersState; member: ForumMember; action: 'mute' | 'ban' }) {
  const { frame } = state;
  const { t, paths } = frame;
  const refused = state.refused?.action === action ? state.refused : null;
  const errors = refused?.errors ?? {};
  return (
    <form
      method="post"
      action={paths.members()}
      class="form forum-form"
      novalidate
      aria-labelledby={`${action}-heading`}
    >
      <h3 id={`${action}-heading`}>{t.t(action === 'mute' ? 'forum.members.muteTitle' : 'forum.members.banTitle')}</h3>
      <FormBasics frame={frame} next={paths.members(member.userId)} />
      <input type="hidden" name="userId" value={member.userId} />
      <input type="hidden" name="action" value={action} />
      {action === 'mute' && (
        <TextField
          t={t}
          id="mute-hours"
          name="hours"
          type="number"
          min={1}
          max={MAX_MUTE_HOURS}
          label={t.t('forum.members.hours')}
          hint={t.t('forum.members.hoursHint', { max: MAX_MUTE_HOURS })}
          value={refused?.hours ?? '24'}
          error={errors.hours}
          required
        />
      )}
      <TextAreaField
        t={t}
        id={`${action}-reason`}
        name="reason"
        label={t.t('forum.members.reasonLabel')}
        hint={t.t('forum.members.reasonHint')}
        value={refused?.reason ?? ''}
        error={errors.reason}
        required
        rows={2}
        maxLength={500}
      />
      <p>
        <button type="submit" class={action === 'ban' ? 'button-danger' : undefined}>
          {t.t(action === 'mute' ? 'forum.members.mute' : 'forum.members.ban')}
        </button>
      </p>
    </form>
  );
}

function ChosenPanel({ state }: { state: MembersState }) {
  const { frame, chosen } = state;
  const { t, now, reader } = frame;
  if (!chosen) return <p>{t.t('forum.members.howToChoose')}</p>;
  if (!chosen.found) return <p>{t.t('forum.error.notALearner')}</p>;
  const { member } = chosen;
  const staff = reader.role === 'staff';
  const muted = isMuted(member, now);
  return (
    <>
      <div class="forum-standing-now">
        <StandingSummary t={t} member={member} now={now} />
      </div>
      <div class="actions">
        {staff && (
          <ActionButton
            frame={frame}
            member={member}
            action={member.communityTa ? 'remove_ta' : 'grant_ta'}
            label={t.t(member.communityTa ? 'forum.members.removeTa' : 'forum.members.grantTa')}
          />
        )}
        {muted && <ActionButton frame={frame} member={member} action="unmute" label={t.t('forum.members.unmute')} />}
        {staff && member.bannedAt && (
          <ActionButton frame={frame} member={member} action="unban" label={t.t('forum.members.unban')} />
        )}
      </div>
      <SanctionForm state={state} member={member} action="mute" />
      {staff && !member.bannedAt && <SanctionForm state={state} member={member} action="ban" />}
    </>
  );
}

const GENERAL_ONLY = {};

/** Who has a standing in the forum, and the forms to change one learner's. */
export function MembersPage({ state }: { state: MembersState }) {
  const { frame, chosen } = state;
  const { t, paths } = frame;
  const general = state.refused?.errors._;
  return (
    <div class="forum-page">
      <ForumCrumbs frame={frame} trail={[{ label: t.t('forum.members.title') }]} />
      <h1>{t.t('forum.members.title')}</h1>
      <NoticeBanner t={t} notice={state.notice} />
      {general && <ErrorSummary t={t} errors={{ _: general }} fields={GENERAL_ONLY} />}
      <section aria-labelledby="members-chosen-heading">
        <h2 id="members-chosen-heading">
          {chosen?.found
            ? t.t('forum.members.chosenTitle', { name: chosen.member.name })
            : t.t('forum.members.chooseTitle')}
        </h2>
        <ChosenPanel state={state} />
      </section>
      <section aria-labelledby="members-list-heading">
        <h2 id="members-list-heading">{t.t('forum.members.listTitle')}</h2>
        <MembersTable state={state} />
      </section>
      <p>
        <a href={paths.moderation()}>{t.t('forum.moderation.title')}</a>
      </p>
    </div>
  );
}
