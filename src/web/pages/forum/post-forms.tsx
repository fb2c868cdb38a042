import type { ForumPost, ModerationAction } from '../../../modules/discussions/index.ts';
import { FLAG_REASONS } from '../../../modules/discussions/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import type { ForumFrame } from './frame.ts';
import { FormBasics } from './parts.tsx';

/*
 * The small forms on a post. Each is a plain POST with the page to come back to (`next`), so
 * every control works without script; the rarer ones sit in a <details> disclosure.
 */

type PostFormProps = { frame: ForumFrame; post: ForumPost; next: string };

export function VoteForm({ frame, post, next }: PostFormProps) {
  const { t, paths } = frame;
  return (
    <form method="post" action={paths.postAction(post.id, 'vote')} class="inline-form forum-vote">
      <FormBasics frame={frame} next={next} />
      <input type="hidden" name="up" value={post.votedByMe ? '0' : '1'} />
      <button type="submit" class="button-secondary button-small" aria-describedby={`post-${post.id}-votes`}>
        <span aria-hidden="true">{post.votedByMe ? '▼ ' : '▲ '}</span>
        {t.t(post.votedByMe ? 'forum.post.unvote' : 'forum.post.upvote')}
      </button>
    </form>
  );
}

export function AnswerForm({ frame, post, next }: PostFormProps) {
  const { t, paths } = frame;
  return (
    <form method="post" action={paths.threadAction(post.threadId, 'answer')} class="inline-form">
      <FormBasics frame={frame} next={next} />
      <input type="hidden" name="postId" value={post.isAnswer ? 'none' : String(post.id)} />
      <button type="submit" class="button-secondary button-small">
        {t.t(post.isAnswer ? 'forum.post.unmarkAnswer' : 'forum.post.markAnswer')}
      </button>
    </form>
  );
}

export function EndorseForm({ frame, post, next }: PostFormProps) {
  const { t, paths } = frame;
  return (
    <form method="post" action={paths.postAction(post.id, 'endorse')} class="inline-form">
      <FormBasics frame={frame} next={next} />
      <input type="hidden" name="endorsed" value={post.endorsed ? '0' : '1'} />
      <button type="submit" class="button-secondary button-small">
        {t.t(post.endorsed ? 'forum.post.unendorse' : 'forum.post.endorse')}
      </button>
    </form>
  );
}

/** The author removes their own post; for an opening post that is the whole thread, so it asks first. */
export function DeleteOwnForm({ frame, post, next }: PostFormProps) {
  const { t, paths } = frame;
  return (
    <details class="forum-disclosure">
      <summary>{t.t('forum.post.delete')}</summary>
      <form method="post" action={paths.postAction(post.id, 'delete')}>
        <FormBasics frame={frame} next={next} />
        <p>{t.t(post.depth === 0 ? 'forum.post.deleteThreadConfirm' : 'forum.post.deleteConfirm')}</p>
        <button type="submit" class="button-danger button-small">
          {t.t('forum.post.deleteSubmit')}
        </button>
      </form>
    </details>
  );
}

const FLAG_REASON_LABELS: Record<(typeof FLAG_REASONS)[number], MessageKey> = {
  spam: 'forum.flag.reason.spam',
  abuse: 'forum.flag.reason.abuse',
  harassment: 'forum.flag.reason.harassment',
  off_topic: 'forum.flag.reason.offTopic',
  misinformation: 'forum.flag.reason.misinformation',
  other: 'forum.flag.reason.other',
};

export function flagReasonLabel(reason: (typeof FLAG_REASONS)[number]): MessageKey {
  return FLAG_REASON_LABELS[reason];
}

export function FlagForm({ frame, post, next }: PostFormProps) {
  const { t, paths } = frame;
  const reasonId = `flag-reason-${post.id}`;
  const noteId = `flag-note-${post.id}`;
  return (
    <details class="forum-disclosure">
      <summary>{t.t('forum.flag.summary')}</summary>
      <form method="post" action={paths.postAction(post.id, 'flag')} class="forum-small-form">
        <FormBasics frame={frame} next={next} />
        <div class="field">
          <label for={reasonId}>{t.t('forum.flag.reason')}</label>
          <select id={reasonId} name="reason">
            {FLAG_REASONS.map((reason) => (
              <option value={reason}>{t.t(FLAG_REASON_LABELS[reason])}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={noteId}>{t.t('forum.flag.note')}</label>
          <span class="hint" id={`${noteId}-hint`}>
            {t.t('forum.flag.noteHint')}
          </span>
          <textarea id={noteId} name="note" rows={2} maxLength={500} aria-describedby={`${noteId}-hint`} />
        </div>
        <button type="submit" class="button-small">
          {t.t('forum.flag.submit')}
        </button>
      </form>
    </details>
  );
}

const ACTION_LABELS: Record<ModerationAction, MessageKey> = {
  hide: 'forum.moderate.hide',
  unhide: 'forum.moderate.unhide',
  delete: 'forum.moderate.delete',
  restore: 'forum.moderate.restore',
  dismiss_flags: 'forum.moderate.dismiss',
};

/** The moderation actions that make sense for a post as it is now. */
function actionsFor(post: ForumPost): ModerationAction[] {
  const actions: ModerationAction[] =
    post.status === 'visible' ? ['hide', 'delete'] : post.status === 'hidden' ? ['unhide', 'delete'] : ['restore'];
  if (post.openFlagCount > 0) actions.push('dismiss_flags');
  return actions;
}

export function ModerateForm({ frame, post, next, open = false }: PostFormProps & { open?: boolean }) {
  const { t, paths } = frame;
  const actions = actionsFor(post);
  const reasonId = `moderate-reason-${post.id}`;
  const form = (
    <form method="post" action={paths.postAction(post.id, 'moderate')} class="forum-small-form">
      <FormBasics frame={frame} next={next} />
      <fieldset class="field">
        <legend>{t.t('forum.moderate.action')}</legend>
        {actions.map((action, index) => (
          <div>
            <input
              type="radio"
              id={`moderate-${post.id}-${action}`}
              name="action"
              value={action}
              checked={index === 0}
            />{' '}
            <label for={`moderate-${post.id}-${action}`}>{t.t(ACTION_LABELS[action])}</label>
          </div>
        ))}
      </fieldset>
      <div class="field">
        <label for={reasonId}>{t.t('forum.moderate.reason')}</label>
        <span class="hint" id={`${reasonId}-hint`}>
          {t.t('forum.moderate.reasonHint')}
        </span>
        <textarea id={reasonId} name="reason" rows={2} maxLength={500} aria-describedby={`${reasonId}-hint`} />
      </div>
      <button type="submit" class="button-small">
        {t.t('forum.moderate.submit')}
      </button>
    </form>
  );
  // In the queue moderating is the point: the form is shown, not tucked behind a disclosure.
  if (open) return <div class="forum-moderate-form">{form}</div>;
  return (
    <details class="forum-disclosure">
      <summary>{t.t('forum.moderate.summary')}</summary>
      {form}
    </details>
  );
}
