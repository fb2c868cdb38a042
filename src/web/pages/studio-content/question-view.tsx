import type { FastifyReply } from 'fastify';
import type { T } from '../../messages/index.ts';
import { Alert, CsrfField, ErrorSummary, TextAreaField, TextField } from '../../views/forms.tsx';
import { StudioFrame } from '../../views/studio-layout.tsx';
import { EMPTY_CHOICE_ROWS, NORMALISATION_FLAGS, type QuestionValues } from './question-input.ts';
import {
  QUESTION_KIND_LABELS,
  blockPath,
  coursePath,
  questionPath,
  type FieldErrors,
  type Notice,
  type StudioCourse,
} from './shared.ts';

export type QuestionEditorState = {
  studio: StudioCourse;
  blockKey: string;
  quizTitle: string;
  /** Absent while a new question is being written. */
  questionId?: string;
  number: number;
  values: QuestionValues;
  errors: FieldErrors;
  notice?: Notice | undefined;
};

const FIELD_IDS: Record<string, string> = {
  prompt: 'question-prompt',
  points: 'question-points',
  explanation: 'question-explanation',
  choices: 'choice-text-0',
  answer: 'question-answer',
  tolerance: 'question-tolerance',
  acceptedAnswers: 'question-accepted',
};

export function QuestionEditorView({ t, reply, state }: { t: T; reply: FastifyReply; state: QuestionEditorState }) {
  const { studio, values, errors } = state;
  const key = studio.course.key;
  const readOnly = !studio.canEdit;
  const action = state.questionId
    ? questionPath(key, state.blockKey, state.questionId)
    : blockPath(key, state.blockKey, '/questions');
  const value = (name: string) => values.fields[name] ?? '';
  return (
    <StudioFrame t={t} course={{ key, title: studio.title }} current="outline">
      <p>
        <a href={coursePath(key)}>{t.t('studioContent.block.backToOutline')}</a>
        {' · '}
        <a href={blockPath(key, state.blockKey)}>{state.quizTitle}</a>
      </p>
      <h2>
        {t.t('blocks.quiz.question', { number: state.number })} · {t.t(QUESTION_KIND_LABELS[values.kind])}
      </h2>
      {state.notice && (
        <Alert kind={state.notice.kind}>
          <p>{t.t(state.notice.key)}</p>
        </Alert>
      )}
      <ErrorSummary t={t} errors={errors} fields={FIELD_IDS} />
      <form method="post" action={action} class="form" novalidate>
        <CsrfField reply={reply} />
        <input type="hidden" name="kind" value={values.kind} />
        <fieldset disabled={readOnly} class="plain-fieldset">
          <legend class="visually-hidden">{t.t(QUESTION_KIND_LABELS[values.kind])}</legend>
          <TextAreaField
            t={t}
            id="question-prompt"
            name="prompt"
            rows={5}
            label={t.t('studioContent.question.prompt')}
            hint={t.t('studioContent.field.markdownHint')}
            value={value('prompt')}
            error={errors.prompt}
          />
          <KindFields t={t} values={values} errors={errors} />
          <TextField
            t={t}
            id="question-points"
            name="points"
            label={t.t('studioContent.question.points')}
            value={value('points')}
            error={errors.points}
            dir="ltr"
          />
          <TextAreaField
            t={t}
            id="question-explanation"
            name="explanation"
            rows={4}
            label={t.t('studioContent.question.explanation')}
            hint={t.t('studioContent.question.explanationHint')}
            value={value('explanation')}
            error={errors.explanation}
          />
        </fieldset>
        {!readOnly && (
          <p class="actions">
            <button type="submit" class="button button-primary">
              {t.t('studioContent.question.save')}
            </button>
          </p>
        )}
      </form>
    </StudioFrame>
  );
}

function KindFields({ t, values, errors }: { t: T; values: QuestionValues; errors: FieldErrors }) {
  const value = (name: string) => values.fields[name] ?? '';
  switch (values.kind) {
    case 'single_choice':
    case 'multiple_choice':
      return <ChoiceRows t={t} values={values} errors={errors} />;
    case 'numeric':
      return (
        <>
          <TextField
            t={t}
            id="question-answer"
            name="answer"
            label={t.t('studioContent.question.answer')}
            value={value('answer')}
            error={errors.answer}
            dir="ltr"
          />
          <TextField
            t={t}
            id="question-tolerance"
            name="tolerance"
            label={t.t('studioContent.question.tolerance')}
            hint={t.t('studioContent.question.toleranceHint')}
            value={value('tolerance')}
            error={errors.tolerance}
            dir="ltr"
          />
        </>
      );
    case 'short_text':
      return (
        <>
          <TextAreaField
            t={t}
            id="question-accepted"
            name="acceptedAnswers"
            rows={4}
            label={t.t('studioContent.question.accepted')}
            hint={t.t('studioContent.question.acceptedHint')}
            value={value('acceptedAnswers')}
            error={errors.acceptedAnswers}
          />
          <fieldset>
            <legend>{t.t('studioContent.question.normalisation')}</legend>
            {NORMALISATION_FLAGS.map((flag) => (
              <p>
                <label>
                  <input type="checkbox" name={flag} value="yes" checked={value(flag) === 'yes'} />{' '}
                  {t.t(`studioContent.question.${flag}`)}
                </label>
              </p>
            ))}
          </fieldset>
        </>
      );
  }
}

/** One row per choice plus empty rows to add more; a row left empty is dropped on save. */
function ChoiceRows({ t, values, errors }: { t: T; values: QuestionValues; errors: FieldErrors }) {
  const rows = [
    ...values.choices,
    ...Array.from({ length: EMPTY_CHOICE_ROWS }, () => ({ id: '', text: '', correct: false, feedback: '' })),
  ];
  const single = values.kind === 'single_choice';
  return (
    <fieldset>
      <legend>{t.t(single ? 'studioContent.question.choicesSingle' : 'studioContent.question.choicesMultiple')}</legend>
      {errors.choices && (
        <p class="field-error" id="choices-error">
          {t.t(errors.choices)}
        </p>
      )}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.t('studioContent.question.choiceText')}</th>
              <th scope="col">{t.t('studioContent.question.correct')}</th>
              <th scope="col">{t.t('studioContent.question.feedback')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr>
                <td>
                  <input type="hidden" name="choiceId" value={row.id} />
                  <input
                    id={`choice-text-${index}`}
                    name="choiceText"
                    value={row.text}
                    aria-label={t.t('studioContent.question.choiceTextOf', { number: index + 1 })}
                  />
                </td>
                <td>
                  <input
                    type={single ? 'radio' : 'checkbox'}
                    name="correct"
                    value={String(index)}
                    checked={row.correct}
                    aria-label={t.t('studioContent.question.correctOf', { number: index + 1 })}
                  />
                </td>
                <td>
                  <input
                    name="choiceFeedback"
                    value={row.feedback}
                    aria-label={t.t('studioContent.question.feedbackOf', { number: index + 1 })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
