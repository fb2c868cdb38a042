import type { ForumTopic, ThreadPage, ThreadSort, ThreadSummary } from '../../../modules/discussions/index.ts';
import { renderToString } from 'preact-render-to-string';
import { THREAD_KINDS, THREAD_SORTS } from '../../../modules/discussions/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { SelectField } from '../../views/forms.tsx';
import { isModerator, topicTitle, type ForumFrame } from './frame.ts';
import { POST_LANGUAGES } from './form.ts';
import type { Notice } from './notices.ts';
import { AuthorMeta, ForumCrumbs, ModeratorLinks, NoticeBanner, Pager, StandingNotice, TimeStamp } from './parts.tsx';

export type ListFilters = {
  topic?: string;
  sort: ThreadSort;
  language?: string;
  kind?: (typeof THREAD_KINDS)[number];
  q?: string;
  circle?: number;
  page: number;
};

export type ThreadListState = {
  frame: ForumFrame;
  list: ThreadPage;
  topics: ForumTopic[];
  filters: ListFilters;
  notice: Notice | null;
};

const SORT_LABELS: Record<ThreadSort, MessageKey> = {
  activity: 'forum.sort.activity',
  votes: 'forum.sort.votes',
  unanswered: 'forum.sort.unanswered',
  newest: 'forum.sort.newest',
};

export const KIND_LABELS: Record<(typeof THREAD_KINDS)[number], MessageKey> = {
  question: 'forum.kind.question',
  discussion: 'forum.kind.discussion',
};

/** The filters as a query, for page links that keep them. */
function queryOf(filters: ListFilters, page: number) {
  return {
    q: filters.q,
    topic: filters.topic,
    sort: filters.sort === 'activity' ? undefined : filters.sort,
    language: filters.language,
    kind: filters.kind,
    circle: filters.circle,
    page: page > 1 ? page : undefined,
  };
}

function FilterForm({ state }: { state: ThreadListState }) {
  const { frame, topics, filters } = state;
  const { t, paths } = frame;
  return (
    <form method="get" action={paths.base} class="forum-filters" role="search" aria-label={t.t('forum.filters.label')}>
      {filters.circle !== undefined && <input type="hidden" name="circle" value={String(filters.circle)} />}
      <div class="field">
        <label for="forum-q">{t.t('forum.filters.search')}</label>
        <input id="forum-q" name="q" type="search" value={filters.q ?? ''} maxLength={200} />
      </div>
      <SelectField
        t={t}
        id="forum-topic"
        name="topic"
        label={t.t('forum.filters.topic')}
        value={filters.topic ?? ''}
        empty={t.t('forum.filters.allTopics')}
        options={topics.map((topic) => ({ value: topic.key, label: topicTitle(t, topics, topic.key) }))}
      />
      <SelectField
        t={t}
        id="forum-sort"
        name="sort"
        label={t.t('forum.filters.sort')}
        value={filters.sort}
        options={THREAD_SORTS.map((sort) => ({ value: sort, label: t.t(SORT_LABELS[sort]) }))}
      />
      <SelectField
        t={t}
        id="forum-language"
        name="language"
        label={t.t('forum.filters.language')}
        value={filters.language ?? ''}
        empty={t.t('forum.filters.allLanguages')}
        options={POST_LANGUAGES.map((code) => ({ value: code, label: t.languageName(code) }))}
      />
      <SelectField
        t={t}
        id="forum-kind"
        name="kind"
        label={t.t('forum.filters.kind')}
        value={filters.kind ?? ''}
        empty={t.t('forum.filters.allKinds')}
        options={THREAD_KINDS.map((kind) => ({ value: kind, label: t.t(KIND_LABELS[kind]) }))}
      />
      <p>
        <button type="submit" class="button-secondary">
          {t.t('forum.filters.apply')}
        </button>
      </p>
    </form>
  );
}

/** The marks of a thread, each as words: colour never carries them alone. */
export function ThreadMarks({ t, thread, moderator }: { t: T; thread: ThreadSummary; moderator: boolean }) {
  const marks: Array<{ key: MessageKey; class: string }> = [
    { key: KIND_LABELS[thread.kind], class: `forum-badge-${thread.kind}` },
  ];
  if (thread.pinned) marks.push({ key: 'forum.mark.pinned', class: 'forum-badge-pinned' });
  if (thread.answered) marks.push({ key: 'forum.mark.answered', class: 'forum-badge-answered' });
  if (thread.closed) marks.push({ key: 'forum.mark.closed', class: 'forum-badge-closed' });
  if (thread.locked) marks.push({ key: 'forum.mark.locked', class: 'forum-badge-locked' });
  if (thread.status === 'hidden') marks.push({ key: 'forum.mark.hidden', class: 'forum-badge-hidden' });
  if (thread.status === 'deleted' && moderator) marks.push({ key: 'forum.mark.removed', class: 'forum-badge-hidden' });
  return (
    <ul class="forum-marks">
      {marks.map((mark) => (
        <li class={`badge ${mark.class}`}>{t.t(mark.key)}</li>
      ))}
    </ul>
  );
}

function ThreadRow({ state, thread }: { state: ThreadListState; thread: ThreadSummary }) {
  const { frame, topics, filters } = state;
  const { t, paths } = frame;
  return (
    <li class="forum-thread-row">
      <h3 class="forum-thread-title">
        <a href={paths.thread(thread.id)} lang={thread.language} dir="auto">
          {thread.title}
        </a>
      </h3>
      <ThreadMarks t={t} thread={thread} moderator={isModerator(frame.reader)} />
      <p class="forum-meta">
        <AuthorMeta t={t} author={thread.author} />
        {' · '}
        {t.t('forum.meta.language', { language: t.languageName(thread.language) })}
        {!filters.topic && (
          <>
            {' · '}
            <a href={paths.list({ topic: thread.topic })}>{topicTitle(t, topics, thread.topic)}</a>
          </>
        )}
      </p>
      <p class="forum-meta">
        {t.t('forum.meta.replies', { count: thread.replyCount })}
        {' · '}
        {t.t('forum.meta.votes', { count: thread.voteCount })}
        {' · '}
        {t.t('forum.meta.lastActivity')} <TimeStamp t={t} date={thread.lastActivityAt} />
      </p>
    </li>
  );
}

/*
 * A shared (frozen) page of threads is the same for every reader of the run until a write
 * replaces it, so its rows are rendered once per language and view and then reused; the
 * markup is what ThreadRow renders, escaped by the same renderer.
 */
const renderedRows = new WeakMap<readonly ThreadSummary[], Map<string, string>>();

function renderRows(state: ThreadListState): string {
  return renderToString(
    <>
      {state.list.threads.map((thread) => (
        <ThreadRow state={state} thread={thread} />
      ))}
    </>,
  );
}

function ThreadRows({ state }: { state: ThreadListState }) {
  const { list, frame, filters } = state;
  let html: string | undefined;
  if (Object.isFrozen(list.threads)) {
    // Everything a row shows besides the thread: language, view, topic names (from the release), addresses.
    const view = `${frame.t.locale}|${isModerator(frame.reader)}|${filters.topic ? 'topic' : 'all'}|${frame.reader.run.releaseId}|${frame.paths.base}`;
    let views = renderedRows.get(list.threads);
    if (!views) {
      views = new Map();
      renderedRows.set(list.threads, views);
    }
    html = views.get(view);
    if (html === undefined) {
      html = renderRows(state);
      views.set(view, html);
    }
  }
  return <ol class="forum-threads" dangerouslySetInnerHTML={{ __html: html ?? renderRows(state) }} />;
}

function hasFilters(filters: ListFilters): boolean {
  return !!(filters.topic || filters.language || filters.kind || filters.q || filters.sort === 'unanswered');
}

/** A run's forum: filters, threads (pinned first) and the way to start one. */
export function ThreadListPage({ state }: { state: ThreadListState }) {
  const { frame, list, filters, topics } = state;
  const { t, paths } = frame;
  return (
    <div class="forum-page">
      <ForumCrumbs frame={frame} trail={[]} />
      <h1>
        {filters.topic
          ? t.t('forum.list.titleTopic', { topic: topicTitle(t, topics, filters.topic) })
          : t.t('forum.title')}
      </h1>
      {filters.circle !== undefined && <p class="lead">{t.t('forum.list.circle')}</p>}
      <NoticeBanner t={t} notice={state.notice} />
      <StandingNotice frame={frame} />
      <p class="actions">
        <a class="button" href={paths.newThread({ topic: filters.topic, circle: filters.circle })}>
          {t.t('forum.list.start')}
        </a>
      </p>
      <ModeratorLinks frame={frame} />
      <FilterForm state={state} />
      <section aria-labelledby="forum-threads-heading">
        <h2 id="forum-threads-heading">{t.t('forum.list.threads', { count: list.total })}</h2>
        {list.threads.length === 0 ? (
          <p>{hasFilters(filters) ? t.t('forum.list.noMatch') : t.t('forum.list.empty')}</p>
        ) : (
          <ThreadRows state={state} />
        )}
        <Pager
          t={t}
          page={list.page}
          pages={list.pages}
          label={t.t('forum.list.pages')}
          hrefOf={(page) => paths.list(queryOf(filters, page))}
        />
      </section>
    </div>
  );
}
