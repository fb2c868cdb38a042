import { randomUUID } from 'node:crypto';
import type { ForumReader, ForumTopic, ThreadDetail } from '../../../modules/discussions/index.ts';
import { MAX_BODY_LENGTH } from '../../../modules/discussions/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import { ErrorSummary, TextAreaField } from '../../views/forms.tsx';
import { isModerator, topicTitle, type ForumFrame } from './frame.ts';
import { ThreadMarks } from './list-view.tsx';
import { LanguageSelect, markdownHint } from './new-thread-view.tsx';
import type { Notice } from './notices.ts';
import { FormBasics, ForumCrumbs, ModeratorLinks, NoticeBanner, Pager, StandingNotice } from './parts.tsx';
import { PostArticle, type PostPlace, type ReplyDraft } from './post-view.tsx';

export type ThreadPageState = {
  frame: ForumFrame;
  thread: ThreadDetail & { reader: ForumReader };
  topics: ForumTopic[];
  notice: Notice | null;
  draft: ReplyDraft | null;
  defaultLanguage: string;
};

export type StateChange = 'pin' | 'unpin' | 'close' | 'reopen' | 'lock' | 'unlock';

const CHANGE_LABELS: Record<StateChange, MessageKey> = {
  pin: 'forum.thread.pin',
  unpin: 'forum.thread.unpin',
  close: 'forum.thread.close',
  reopen: 'forum.thread.reopen',
  lock: 'forum.thread.lock',
  unlock: 'forum.thread.unlock',
};

function StateForm({
  frame,
  threadId,
  change,
  next,
}: {
  frame: ForumFrame;
  threadId: number;
  change: StateChange;
  next: string;
}) {
  return (
    <form method="post" action={frame.paths.threadAction(threadId, 'state')} class="inline-form">
      <FormBasics frame={frame} next={next} />
      <input type="hidden" name="change" value={change} />
      <button type="submit" class="button-secondary button-small">
        {frame.t.t(CHANGE_LABELS[change])}
      </button>
    </form>
  );
}

/** Follow, and the thread's state for those who may change it. */
function ThreadTools({ state, here }: { state: ThreadPageState; here: string }) {
  const { frame, thread } = state;
  const { t, paths } = frame;
  const { can } = thread;
  const next = `${here}#post-${thread.opening.id}`;
  return (
    <div class="forum-thread-tools actions">
      {can.follow && (
        <form method="post" action={paths.threadAction(thread.id, 'follow')} class="inline-form">
          <FormBasics frame={frame} next={next} />
          <input type="hidden" name="follow" value={thread.followedByMe ? '0' : '1'} />
          <button type="submit" class="button-secondary button-small">
            {t.t(thread.followedByMe ? 'forum.thread.unfollow' : 'forum.thread.follow')}
          </button>
        </form>
      )}
      {can.pin && <StateForm frame={frame} threadId={thread.id} change={thread.pinned ? 'unpin' : 'pin'} next={next} />}
      {can.close && (
        <StateForm frame={frame} threadId={thread.id} change={thread.closed ? 'reopen' : 'close'} next={next} />
      )}
      {can.lock && (
        <StateForm frame={frame} threadId={thread.id} change={thread.locked ? 'unlock' : 'lock'} next={next} />
      )}
    </div>
  );
}

function whyNoReply(thread: ThreadDetail): MessageKey {
  if (thread.locked) return 'forum.thread.lockedNote';
  if (thread.closed) return 'forum.thread.closedNote';
  if (thread.status !== 'visible') return 'forum.thread.hiddenNote';
  return 'forum.thread.cannotReply';
}

const REPLY_FIELDS = { body: 'reply-body', language: 'reply-language' };

function ReplyForm({ state }: { state: ThreadPageState }) {
  const { frame, thread } = state;
  const { t, paths } = frame;
  const draft = state.draft?.parentId === null ? state.draft : null;
  const errors = draft?.errors ?? {};
  return (
    <section aria-labelledby="reply-heading" class="forum-reply-form">
      <h2 id="reply-heading">{t.t('forum.reply.title')}</h2>
      {thread.can.reply ? (
        <>
          <ErrorSummary t={t} errors={errors} fields={REPLY_FIELDS} />
          <form method="post" action={paths.threadAction(thread.id, 'replies')} class="form forum-form" novalidate>
            <input type="hidden" name="_csrf" value={frame.csrf} />
            <input type="hidden" name="requestKey" value={randomUUID()} />
            <TextAreaField
              t={t}
              id={REPLY_FIELDS.body}
              name="body"
              label={t.t('forum.reply.body')}
              hint={markdownHint(t)}
              value={draft?.body ?? ''}
              error={errors.body}
              required
              rows={6}
              maxLength={MAX_BODY_LENGTH}
            />
            <LanguageSelect
              t={t}
              id={REPLY_FIELDS.language}
              value={draft?.language ?? state.defaultLanguage}
              error={errors.language}
            />
            <p>
              <button type="submit">{t.t('forum.reply.submit')}</button>
            </p>
          </form>
        </>
      ) : (
        <p>{t.t(whyNoReply(thread))}</p>
      )}
    </section>
  );
}

/** A thread: its opening post, a page of replies with their comments, and the reply form. */
export function ThreadPage({ state }: { state: ThreadPageState }) {
  const { frame, thread, topics } = state;
  const { t, paths } = frame;
  const { page, pages, total } = thread.replyPage;
  const here = paths.thread(thread.id, page);
  const place: PostPlace = {
    frame,
    can: thread.can,
    locked: thread.locked,
    here,
    replyPage: page,
    draft: state.draft,
    mode: 'thread',
  };
  return (
    <div class="forum-page">
      <ForumCrumbs frame={frame} trail={[{ label: thread.title, lang: thread.language }]} />
      <h1 lang={thread.language} dir="auto">
        {thread.title}
      </h1>
      <ThreadMarks t={t} thread={thread} moderator={isModerator(frame.reader)} />
      <p class="forum-meta">
        {t.t('forum.thread.inTopic')}{' '}
        <a href={paths.list({ topic: thread.topic })}>{topicTitle(t, topics, thread.topic)}</a>
      </p>
      <NoticeBanner t={t} notice={state.notice} />
      <StandingNotice frame={frame} />
      <ThreadTools state={state} here={here} />
      <PostArticle place={place} post={thread.opening} />
      <section aria-labelledby="replies-heading" class="forum-replies-section">
        <h2 id="replies-heading">{t.t('forum.thread.replies', { count: total })}</h2>
        {thread.replies.length === 0 ? (
          <p>{t.t(total === 0 ? 'forum.thread.noReplies' : 'forum.thread.pageEmpty')}</p>
        ) : (
          <ol class="forum-replies">
            {thread.replies.map((reply) => (
              <li>
                <PostArticle place={place} post={reply} />
              </li>
            ))}
          </ol>
        )}
        <Pager
          t={t}
          page={page}
          pages={pages}
          label={t.t('forum.thread.pages')}
          hrefOf={(number) => paths.thread(thread.id, number)}
        />
      </section>
      <ReplyForm state={state} />
      <ModeratorLinks frame={frame} />
    </div>
  );
}
