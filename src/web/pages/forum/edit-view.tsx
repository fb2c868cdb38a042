import type { ForumPost, ThreadSummary } from '../../../modules/discussions/index.ts';
import { MAX_BODY_LENGTH } from '../../../modules/discussions/index.ts';
import { ErrorSummary, TextAreaField, type FieldErrors } from '../../views/forms.tsx';
import type { ForumFrame } from './frame.ts';
import { markdownHint } from './new-thread-view.tsx';
import { FormBasics, ForumCrumbs } from './parts.tsx';

export type EditPostState = {
  frame: ForumFrame;
  thread: ThreadSummary;
  post: ForumPost;
  replyPage: number;
  body: string;
  errors: FieldErrors;
};

const FIELDS = { body: 'edit-body' };

/** The author's own post, its Markdown source in a text box; the edit time is shown afterwards. */
export function EditPostPage({ state }: { state: EditPostState }) {
  const { frame, thread, post, errors } = state;
  const { t, paths } = frame;
  const back = paths.thread(thread.id, state.replyPage);
  return (
    <div class="forum-page">
      <ForumCrumbs
        frame={frame}
        trail={[{ label: thread.title, href: back, lang: thread.language }, { label: t.t('forum.edit.title') }]}
      />
      <h1>{t.t('forum.edit.title')}</h1>
      <ErrorSummary t={t} errors={errors} fields={FIELDS} />
      <form method="post" action={paths.postAction(post.id, 'edit')} class="form forum-form" novalidate>
        <FormBasics frame={frame} next={`${back}#post-${post.id}`} />
        <input type="hidden" name="thread" value={String(thread.id)} />
        <input type="hidden" name="page" value={String(state.replyPage)} />
        <TextAreaField
          t={t}
          id={FIELDS.body}
          name="body"
          label={t.t('forum.edit.body')}
          hint={markdownHint(t)}
          value={state.body}
          error={errors.body}
          required
          rows={10}
          maxLength={MAX_BODY_LENGTH}
          lang={post.language}
        />
        <p class="actions">
          <button type="submit">{t.t('forum.edit.submit')}</button>
          <a class="button button-secondary" href={`${back}#post-${post.id}`}>
            {t.t('forum.form.cancel')}
          </a>
        </p>
      </form>
    </div>
  );
}
