import type { QueueItem, ThreadPermissions } from '../../../modules/discussions/index.ts';
import type { ForumFrame } from './frame.ts';
import type { Notice } from './notices.ts';
import { ForumCrumbs, NoticeBanner, TimeStamp } from './parts.tsx';
import { flagReasonLabel } from './post-forms.tsx';
import { PostArticle, type PostPlace } from './post-view.tsx';

export type QueueView = 'flagged' | 'hidden';

export type ModerationState = {
  frame: ForumFrame;
  view: QueueView;
  page: number;
  hasMore: boolean;
  items: QueueItem[];
  notice: Notice | null;
};

/** In the queue a moderator only moderates; the thread is one link away for everything else. */
const QUEUE_PERMISSIONS: ThreadPermissions = {
  reply: false,
  vote: false,
  follow: false,
  markAnswer: false,
  endorse: false,
  pin: false,
  close: false,
  lock: false,
  moderate: true,
};

function QueueTabs({ frame, view }: { frame: ForumFrame; view: QueueView }) {
  const { t, paths } = frame;
  const tabs: Array<{ view: QueueView; label: string }> = [
    { view: 'flagged', label: t.t('forum.moderation.flagged') },
    { view: 'hidden', label: t.t('forum.moderation.hidden') },
  ];
  return (
    <nav aria-label={t.t('forum.moderation.views')} class="forum-tabs">
      <ul>
        {tabs.map((tab) => (
          <li>
            <a href={paths.moderation(tab.view)} aria-current={tab.view === view ? 'page' : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function QueueEntry({ state, item }: { state: ModerationState; item: QueueItem }) {
  const { frame } = state;
  const { t, paths } = frame;
  const place: PostPlace = {
    frame,
    can: QUEUE_PERMISSIONS,
    locked: false,
    here: paths.moderation(state.view, state.page),
    replyPage: 1,
    draft: null,
    mode: 'queue',
  };
  return (
    <li class="forum-queue-item">
      <h2 class="forum-queue-title">
        {t.t('forum.moderation.inThread')}{' '}
        <a href={paths.thread(item.threadId)} dir="auto">
          {item.threadTitle}
        </a>
      </h2>
      {item.flags.length > 0 && (
        <ul class="forum-reports" aria-label={t.t('forum.moderation.reports', { count: item.flags.length })}>
          {item.flags.map((flag) => (
            <li>
              <strong>{t.t(flagReasonLabel(flag.reason))}</strong>
              {' · '}
              <TimeStamp t={t} date={flag.createdAt} />
              {flag.note && (
                <>
                  {' · '}
                  <q dir="auto">{flag.note}</q>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <PostArticle place={place} post={item.post} />
    </li>
  );
}

/** Reported posts (with the reports) or hidden ones, each with the moderation form open. */
export function ModerationPage({ state }: { state: ModerationState }) {
  const { frame, view, page, items } = state;
  const { t, paths } = frame;
  return (
    <div class="forum-page">
      <ForumCrumbs frame={frame} trail={[{ label: t.t('forum.moderation.title') }]} />
      <h1>{t.t('forum.moderation.title')}</h1>
      <NoticeBanner t={t} notice={state.notice} />
      <QueueTabs frame={frame} view={view} />
      {items.length === 0 ? (
        <p>{t.t(view === 'flagged' ? 'forum.moderation.emptyFlagged' : 'forum.moderation.emptyHidden')}</p>
      ) : (
        <ol class="forum-queue">
          {items.map((item) => (
            <QueueEntry state={state} item={item} />
          ))}
        </ol>
      )}
      {(page > 1 || state.hasMore) && (
        <nav aria-label={t.t('forum.moderation.pages')} class="forum-pager">
          <ul>
            {page > 1 && (
              <li>
                <a href={paths.moderation(view, page - 1)} rel="prev">
                  {t.t('forum.pager.previous')}
                </a>
              </li>
            )}
            {state.hasMore && (
              <li>
                <a href={paths.moderation(view, page + 1)} rel="next">
                  {t.t('forum.pager.next')}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
      <p>
        <a href={paths.members()}>{t.t('forum.members.title')}</a>
      </p>
    </div>
  );
}
