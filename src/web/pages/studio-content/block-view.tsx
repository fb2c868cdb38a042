import type { FastifyReply } from 'fastify';
import type { MediaAsset, QuizBlock, TreeSection, TreeUnit } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { Alert, CsrfField, ErrorSummary } from '../../views/forms.tsx';
import { StudioFrame } from '../../views/studio-layout.tsx';
import { BLOCK_FIELD_IDS, TypeFields } from './block-fields.tsx';
import type { BlockValues } from './block-input.ts';
import { QuestionList } from './question-list.tsx';
import {
  BLOCK_TYPE_LABELS,
  blockPath,
  coursePath,
  type FieldErrors,
  type Notice,
  type StudioCourse,
} from './shared.ts';

export type BlockEditorState = {
  studio: StudioCourse;
  section: TreeSection;
  unit: TreeUnit;
  /** The block being edited; absent while a new block is being written. */
  blockKey?: string;
  quiz?: QuizBlock;
  values: BlockValues;
  errors: FieldErrors;
  media: MediaAsset[];
  previewHtml?: string | undefined;
  notice?: Notice | undefined;
};

export function BlockEditorView({ t, reply, state }: { t: T; reply: FastifyReply; state: BlockEditorState }) {
  const { studio, values } = state;
  const key = studio.course.key;
  const readOnly = !studio.canEdit;
  const action = state.blockKey ? blockPath(key, state.blockKey) : coursePath(key, `/units/${state.unit.key}/blocks`);
  const typeLabel = t.t(BLOCK_TYPE_LABELS[values.type]);
  return (
    <StudioFrame t={t} course={{ key, title: studio.title }} current="outline">
      <p>
        <a href={coursePath(key)}>{t.t('studioContent.block.backToOutline')}</a>
        {' · '}
        {state.section.title} › {state.unit.title}
      </p>
      <h2>
        {state.blockKey
          ? t.t('studioContent.block.editHeading', { type: typeLabel, title: values.fields.title ?? '' })
          : t.t('studioContent.block.newHeading', { type: typeLabel })}
      </h2>
      {state.notice && (
        <Alert kind={state.notice.kind}>
          <p>{t.t(state.notice.key)}</p>
        </Alert>
      )}
      {readOnly && (
        <Alert kind="info">
          <p>{t.t('studioContent.outline.readOnly')}</p>
        </Alert>
      )}
      <ErrorSummary t={t} errors={state.errors} fields={BLOCK_FIELD_IDS} />
      <form method="post" action={action} class="form" novalidate>
        <CsrfField reply={reply} />
        <input type="hidden" name="type" value={values.type} />
        <fieldset disabled={readOnly} class="plain-fieldset">
          <legend class="visually-hidden">{typeLabel}</legend>
          <TypeFields
            t={t}
            values={values}
            errors={state.errors}
            media={state.media}
            previewUrl={coursePath(key, '/markdown-preview')}
            previewHtml={state.previewHtml}
            readOnly={readOnly}
          />
        </fieldset>
        {!readOnly && (
          <p class="actions">
            <button type="submit" name="intent" value="save" class="button button-primary">
              {t.t(state.blockKey ? 'studioContent.block.save' : 'studioContent.block.create')}
            </button>
          </p>
        )}
      </form>
      {state.blockKey && state.quiz && (
        <QuestionList t={t} reply={reply} studio={studio} blockKey={state.blockKey} quiz={state.quiz} />
      )}
      {state.blockKey && !readOnly && (
        <p>
          <a href={blockPath(key, state.blockKey, '/deletion')}>
            {t.t('studioContent.delete.link', { title: values.fields.title ?? '' })}
          </a>
        </p>
      )}
    </StudioFrame>
  );
}
