import type { ForumAuthor } from '../../../modules/discussions/index.ts';
import type { T } from '../../messages/index.ts';
import { languageAttributes } from '../../views/course-card.tsx';
import { Alert } from '../../views/forms.tsx';
import { Breadcrumbs, type Crumb } from '../learn/parts.tsx';
import { ROLE_LABELS, isModerator, type ForumFrame } from './frame.ts';
import type { Notice } from './notices.ts';

/** My learning › course › Discussion › …: the forum is always one step below its course. */
export function ForumCrumbs({ frame, trail }: { frame: ForumFrame; trail: readonly Crumb[] }) {
  const { t, paths, courseTitle } = frame;
  const atForum = trail.length === 0;
  return (
    <Breadcrumbs
      t={t}
      crumbs={[
        { label: t.t('learn.my.title'), href: '/learn' },
        { label: courseTitle.text, href: paths.outline, lang: languageAttributes(courseTitle, t.locale).lang },
        { label: t.t('forum.title'), ...(atForum ? {} : { href: paths.base }) },
        ...trail,
      ]}
    />
  );
}

/** The outcome of the last form: a status for what worked, an alert for what did not. */
export function NoticeBanner({ t, notice }: { t: T; notice: Notice | null }) {
  if (!notice) return null;
  return (
    <Alert kind={notice.kind === 'done' ? 'success' : 'error'}>
      <p>{t.t(notice.key)}</p>
    </Alert>
  );
}

const TIME_FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
};

export function TimeStamp({ t, date }: { t: T; date: Date }) {
  return <time datetime={date.toISOString()}>{t.formatDate(date, TIME_FORMAT)}</time>;
}

/** A country as words in the page's language with its code, never a flag. */
export function countryLabel(t: T, code: string): string {
  return `${t.countryName(code)} (${code})`;
}

/** Who wrote something: name, role badge, and country when they gave one. */
export function AuthorMeta({ t, author, id }: { t: T; author: ForumAuthor; id?: string }) {
  const role = ROLE_LABELS[author.role];
  return (
    <>
      <strong class="forum-author" id={id}>
        {author.name}
      </strong>
      {role && (
        <>
          {' '}
          <span class="badge forum-badge-role">{t.t(role)}</span>
        </>
      )}
      {author.country && (
        <span class="forum-country">
          {' · '}
          {countryLabel(t, author.country)}
        </span>
      )}
    </>
  );
}

/** Page links, numbered, with the current one marked; nothing when everything fits one page. */
export function Pager({
  t,
  page,
  pages,
  hrefOf,
  label,
}: {
  t: T;
  page: number;
  pages: number;
  hrefOf: (page: number) => string;
  label: string;
}) {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((number) => number >= 1 && number <= pages)
    .sort((a, b) => a - b);
  return (
    <nav aria-label={label} class="forum-pager">
      <ul>
        {page > 1 && (
          <li>
            <a href={hrefOf(page - 1)} rel="prev">
              {t.t('forum.pager.previous')}
            </a>
          </li>
        )}
        {shown.map((number) => (
          <li>
            {number === page ? (
              <span aria-current="page">{t.t('forum.pager.page', { page: number, pages })}</span>
            ) : (
              <a href={hrefOf(number)} aria-label={t.t('forum.pager.page', { page: number, pages })}>
                {number}
              </a>
            )}
          </li>
        ))}
        {page < pages && (
          <li>
            <a href={hrefOf(page + 1)} rel="next">
              {t.t('forum.pager.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** Tells a muted or banned reader why the forms will refuse them, before they write anything. */
export function StandingNotice({ frame }: { frame: ForumFrame }) {
  const { t, reader, now } = frame;
  if (reader.role === 'staff') return null;
  const { bannedAt, mutedUntil, sanctionReason } = reader.standing;
  const muted = mutedUntil !== null && mutedUntil.getTime() > now.getTime();
  if (!bannedAt && !muted) return null;
  return (
    <div class="alert alert-error" role="status">
      <p>
        {bannedAt
          ? t.t('forum.standing.banned')
          : t.t('forum.standing.muted', { until: t.formatDate(mutedUntil!, TIME_FORMAT) })}
      </p>
      {sanctionReason && <p>{t.t('forum.standing.reason', { reason: sanctionReason })}</p>}
    </div>
  );
}

/** Moderators' ways to the queue and the members page. */
export function ModeratorLinks({ frame }: { frame: ForumFrame }) {
  const { t, paths, reader } = frame;
  if (!isModerator(reader)) return null;
  return (
    <nav aria-label={t.t('forum.moderation.nav')} class="forum-moderator-links">
      <ul>
        <li>
          <a href={paths.moderation()}>{t.t('forum.moderation.title')}</a>
        </li>
        <li>
          <a href={paths.members()}>{t.t('forum.members.title')}</a>
        </li>
      </ul>
    </nav>
  );
}

/** The hidden fields every action form carries: the token and the page to come back to. */
export function FormBasics({ frame, next }: { frame: ForumFrame; next: string }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={frame.csrf} />
      <input type="hidden" name="next" value={next} />
    </>
  );
}
