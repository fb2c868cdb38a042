import type { FastifyReply } from 'fastify';
import { QUESTION_KINDS, type QuizBlock } from '../../../modules/courses/index.ts';
import { markdownToPlainText } from '../../../platform/html/index.ts';
import type { T } from '../../messages/index.ts';
import { SelectField } from '../../views/forms.tsx';
import { MoveButtons } from './outline-parts.tsx';
import { QUESTION_KIND_LABELS, blockPath, questionPath, type StudioCourse } from './shared.ts';

/** The questions of a quiz block, each opening its own form, with the form to add one. */
export function QuestionList(props: {
  t: T;
  reply: FastifyReply;
  studio: StudioCourse;
  blockKey: string;
  quiz: QuizBlock;
}) {
  const { t, reply, studio, blockKey, quiz } = props;
  const key = studio.course.key;
  return (
    <section aria-labelledby="questions-heading">
      <h2 id="questions-heading">{t.t('studioContent.quiz.questions')}</h2>
      {quiz.questions.length === 0 && <p>{t.t('studioContent.quiz.noQuestions')}</p>}
      <ol data-island={studio.canEdit ? 'reorder' : undefined}>
        {quiz.questions.map((question, index) => {
          const summary = markdownToPlainText(question.prompt).slice(0, 120);
          return (
            <li data-reorder-item={questionPath(key, blockKey, question.id, '/position')}>
              <a href={questionPath(key, blockKey, question.id)}>{summary || question.id}</a>{' '}
              <span class="badge">{t.t(QUESTION_KIND_LABELS[question.kind])}</span>
              {studio.canEdit && (
                <>
                  <MoveButtons
                    t={t}
                    reply={reply}
                    action={questionPath(key, blockKey, question.id, '/position')}
                    title={summary}
                    index={index}
                    count={quiz.questions.length}
                  />
                  <a href={questionPath(key, blockKey, question.id, '/deletion')}>
                    {t.t('studioContent.delete.link', { title: t.t('blocks.quiz.question', { number: index + 1 }) })}
                  </a>
                </>
              )}
            </li>
          );
        })}
      </ol>
      {studio.canEdit && (
        <form method="get" action={blockPath(key, blockKey, '/questions/new')} class="form inline-form">
          <SelectField
            t={t}
            id="new-question-kind"
            name="kind"
            label={t.t('studioContent.quiz.newKind')}
            options={QUESTION_KINDS.map((kind) => ({ value: kind, label: t.t(QUESTION_KIND_LABELS[kind]) }))}
          />
          <button type="submit" class="button button-small">
            {t.t('studioContent.quiz.addQuestion')}
          </button>
        </form>
      )}
    </section>
  );
}
