import { randomUUID } from 'node:crypto';
import type { ForumPost, ThreadPermissions } from '../../../modules/discussions/index.ts';
import { MAX_BODY_LENGTH } from '../../../modules/discussions/index.ts';
import type { T } from '../../messages/index.ts';
import type { FieldErrors } from '../../views/forms.tsx';
import { isModerator, type ForumFrame } from './frame.ts';
import { markdownHint } from './new-thread-view.tsx';
import { AuthorMeta, TimeStamp } from './parts.tsx';
import { AnswerForm, DeleteOwnForm, EndorseForm, FlagForm, ModerateForm, VoteForm } from './post-forms.tsx';

/** A reply or comment the reader tried to send and that came back refused, with what they wrote. */
export type ReplyDraft = { parentId: number | null; body: string; language: string; errors: FieldErrors };

/** What a post needs to know about the page it is shown on. */
export type PostPlace = {
  frame: ForumFrame;
  can: ThreadPermissions;
  locked: boolean;
  /** The page to come back to after a form, with the reply page it shows. */
  here: string;
  replyPage: number;
  draft: ReplyDraft | null;
  /** In the moderation queue only moderation is offered; in a thread, everything the reader may do. */
  mode: 'thread' | 'queue';
};

/**
 * The words of a post. `html` is the module's sanitised rendering and the only string set as
 * HTML; a moderated post shows who may see it and why, or only a placeholder.
 */
export function PostBody({ frame, post }: { frame: ForumFrame; post: ForumPost }) {
  const { t, reader } = frame;
  const mine = post.author.id === reader.actor.userId;
  const reason = post.moderationReason;
  let notice: string | null = null;
  if (post.status === 'hidden') {
    if (!post.html) return <p class="forum-placeholder">{t.t('forum.post.hiddenPlaceholder')}</p>;
    if (isModerator(reader)) {
      notice = reason
        ? t.t('forum.post.hiddenForModerators', { reason })
        : t.t('forum.post.hiddenForModeratorsNoReason');
    } else if (mine) {
      notice = reason ? t.t('forum.post.hiddenForAuthor', { reason }) : t.t('forum.post.hiddenForAuthorNoReason');
    }
  }
  if (post.status === 'deleted') {
    if (!post.html) return <p class="forum-placeholder">{t.t('forum.post.removedPlaceholder')}</p>;
    notice = reason
      ? t.t('forum.post.removedForModerators', { reason })
      : t.t('forum.post.removedForModeratorsNoReason');
  }
  return (
    <>
      {notice && <p class="forum-moderation-notice">{notice}</p>}
      <div
        class="prose forum-post-body"
        lang={post.language}
        dir="auto"
        dangerouslySetInnerHTML={{ __html: post.html }}
      />
    </>
  );
}

function postLabel(t: T, post: ForumPost): string {
  const name = post.author.name;
  if (post.depth === 0) return t.t('forum.post.labelOpening', { name });
  return post.depth === 1 ? t.t('forum.post.labelReply', { name }) : t.t('forum.post.labelComment', { name });
}

function PostMeta({ t, post, moderator }: { t: T; post: ForumPost; moderator: boolean }) {
  return (
    <div class="forum-post-meta">
      <p class="forum-meta">
        <AuthorMeta t={t} author={post.author} />
        {' · '}
        {t.languageName(post.language)}
        {' · '}
        <TimeStamp t={t} date={post.createdAt} />
        {post.editedAt && (
          <>
            {' · '}
            <span class="forum-edited">
              {t.t('forum.post.edited')} <TimeStamp t={t} date={post.editedAt} />
            </span>
          </>
        )}
      </p>
      {(post.isAnswer || post.endorsed || (moderator && post.openFlagCount > 0)) && (
        <ul class="forum-marks">
          {post.isAnswer && <li class="badge forum-badge-answered">{t.t('forum.post.answer')}</li>}
          {post.endorsed && <li class="badge forum-badge-endorsed">{t.t('forum.post.endorsed')}</li>}
          {moderator && post.openFlagCount > 0 && (
            <li class="badge forum-badge-flagged">{t.t('forum.post.flags', { count: post.openFlagCount })}</li>
          )}
        </ul>
      )}
    </div>
  );
}

/** Every control the reader may use on this post, and nothing they may not. */
function PostControls({ place, post }: { place: PostPlace; post: ForumPost }) {
  const { frame, can, here, mode } = place;
  const { t, reader, paths } = frame;
  const mine = post.author.id === reader.actor.userId;
  const visible = post.status === 'visible';
  const next = `${here}#post-${post.id}`;
  const staff = reader.role === 'staff';
  const thread = mode === 'thread';
  return (
    <div class="forum-post-actions">
      <span class="forum-votes" id={`post-${post.id}-votes`}>
        {t.t('forum.meta.votes', { count: post.voteCount })}
      </span>
      {thread && visible && can.vote && !mine && <VoteForm frame={frame} post={post} next={next} />}
      {thread && visible && post.depth === 1 && can.markAnswer && <AnswerForm frame={frame} post={post} next={next} />}
      {thread && visible && post.depth > 0 && can.endorse && <EndorseForm frame={frame} post={post} next={next} />}
      {thread && visible && mine && (!place.locked || staff) && (
        <a class="button button-secondary button-small" href={paths.editPost(post.id, post.threadId, place.replyPage)}>
          {t.t('forum.post.edit')}
        </a>
      )}
      {thread && mine && post.status !== 'deleted' && (
        <DeleteOwnForm frame={frame} post={post} next={post.depth === 0 ? paths.base : next} />
      )}
      {thread && visible && !mine && !post.flaggedByMe && !can.moderate && (
        <FlagForm frame={frame} post={post} next={next} />
      )}
      {thread && post.flaggedByMe && <span class="hint">{t.t('forum.flag.already')}</span>}
      {can.moderate && <ModerateForm frame={frame} post={post} next={next} open={mode === 'queue'} />}
      {can.moderate && !mine && post.author.role !== 'staff' && (
        <a class="forum-moderate-author" href={paths.members(post.author.id)}>
          {t.t('forum.post.moderateAuthor', { name: post.author.name })}
        </a>
      )}
    </div>
  );
}

function CommentForm({ place, reply }: { place: PostPlace; reply: ForumPost }) {
  const { frame, draft } = place;
  const { t, paths } = frame;
  const mine = draft?.parentId === reply.id ? draft : null;
  const id = `comment-body-${reply.id}`;
  const error = mine?.errors.body ?? mine?.errors._;
  return (
    <details class="forum-disclosure forum-comment-form" open={!!mine}>
      <summary>{t.t('forum.comment.summary')}</summary>
      <form method="post" action={paths.threadAction(reply.threadId, 'replies')} class="forum-small-form" novalidate>
        <input type="hidden" name="_csrf" value={frame.csrf} />
        <input type="hidden" name="requestKey" value={randomUUID()} />
        <input type="hidden" name="parentId" value={String(reply.id)} />
        <input type="hidden" name="page" value={String(place.replyPage)} />
        <div class="field">
          <label for={id}>{t.t('forum.comment.body')}</label>
          <span class="hint" id={`${id}-hint`}>
            {markdownHint(t)}
          </span>
          <textarea
            id={id}
            name="body"
            rows={3}
            maxLength={MAX_BODY_LENGTH}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          >
            {mine?.body ?? ''}
          </textarea>
          {error && (
            <span class="field-error" id={`${id}-error`} role="alert">
              {t.t(error)}
            </span>
          )}
        </div>
        <button type="submit" class="button-small">
          {t.t('forum.comment.submit')}
        </button>
      </form>
    </details>
  );
}

/** One post with its meta, words and controls; a reply carries its comments and the form to add one. */
export function PostArticle({ place, post }: { place: PostPlace; post: ForumPost }) {
  const { frame, can, mode } = place;
  const { t, reader } = frame;
  return (
    <article id={`post-${post.id}`} class={`forum-post forum-post-depth-${post.depth}`} aria-label={postLabel(t, post)}>
      <PostMeta t={t} post={post} moderator={isModerator(reader)} />
      <PostBody frame={frame} post={post} />
      <PostControls place={place} post={post} />
      {mode === 'thread' && post.depth === 1 && (
        <>
          {post.comments.length > 0 && (
            <ol class="forum-comments" aria-label={t.t('forum.comment.list', { count: post.comments.length })}>
              {post.comments.map((comment) => (
                <li>
                  <PostArticle place={place} post={comment} />
                </li>
              ))}
            </ol>
          )}
          {can.reply && post.status === 'visible' && <CommentForm place={place} reply={post} />}
        </>
      )}
    </article>
  );
}
