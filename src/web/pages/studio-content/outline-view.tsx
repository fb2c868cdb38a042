import type { FastifyReply } from 'fastify';
import { BLOCK_TYPES, type ReleaseSummary, type TreeSection, type TreeUnit } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { Alert, CsrfField, ErrorSummary, SelectField, TextAreaField, TextField } from '../../views/forms.tsx';
import { StudioFrame } from '../../views/studio-layout.tsx';
import { MoveButtons, RenameForm, type OutlineFailure } from './outline-parts.tsx';
import { BLOCK_TYPE_LABELS, blockPath, coursePath, type Notice, type StudioCourse } from './shared.ts';

export type Pending = ReleaseSummary & { hasChanges: boolean };

/** Which form on the outline came back with errors, so it shows them and keeps what was typed. */

export type OutlineState = {
  studio: StudioCourse;
  pending: Pending;
  notice?: Notice | undefined;
  failure?: OutlineFailure | undefined;
};

export type { OutlineFailure };

type Props = { t: T; reply: FastifyReply; state: OutlineState };

export function OutlineView({ t, reply, state }: Props) {
  const { studio } = state;
  const key = studio.course.key;
  return (
    <StudioFrame t={t} course={{ key, title: studio.title }} current="outline">
      {state.notice && (
        <Alert kind={state.notice.kind}>
          <p>{t.t(state.notice.key)}</p>
        </Alert>
      )}
      {!studio.canEdit && (
        <Alert kind="info">
          <p>{t.t('studioContent.outline.readOnly')}</p>
        </Alert>
      )}
      <PendingBanner t={t} reply={reply} state={state} />
      <p>
        <a href={coursePath(key, '/preview')}>{t.t('studioContent.outline.previewLink')}</a>
      </p>
      <h2 id="outline-heading">{t.t('studioContent.outline.heading')}</h2>
      {studio.tree.sections.length === 0 && <p>{t.t('studioContent.outline.empty')}</p>}
      <ol
        class="outline-sections"
        aria-labelledby="outline-heading"
        data-island={studio.canEdit ? 'reorder' : undefined}
      >
        {studio.tree.sections.map((section, index) => (
          <li data-reorder-item={coursePath(key, `/sections/${section.key}/position`)}>
            <SectionItem t={t} reply={reply} state={state} section={section} index={index} />
          </li>
        ))}
      </ol>
      {studio.canEdit && <AddSectionForm t={t} reply={reply} state={state} />}
    </StudioFrame>
  );
}

function PendingBanner({ t, reply, state }: Props) {
  const { pending, studio } = state;
  const published = studio.course.latestReleaseId !== null;
  const count = (side: Partial<Record<string, number>>) =>
    Object.values(side).reduce<number>((a, b) => a + (b ?? 0), 0);
  return (
    <section class="card" aria-labelledby="pending-heading">
      <h2 id="pending-heading">{t.t('studioContent.pending.heading')}</h2>
      {!pending.hasChanges ? (
        <p>{t.t(published ? 'studioContent.pending.none' : 'studioContent.pending.empty')}</p>
      ) : (
        <>
          <p>
            {t.t('studioContent.pending.counts', {
              added: count(pending.added),
              changed: count(pending.changed),
              removed: count(pending.removed),
            })}
          </p>
          {pending.blocks.length > 0 && (
            <ul>
              {pending.blocks.slice(0, 20).map((block) => (
                <li>
                  {block.title} ({t.t(`studioContent.change.${block.change}`)})
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {studio.canPublish && pending.hasChanges && <PublishForm t={t} reply={reply} state={state} />}
      {studio.canEdit && published && pending.hasChanges && <RevertForm t={t} reply={reply} state={state} />}
    </section>
  );
}

function PublishForm({ t, reply, state }: Props) {
  const failure = state.failure?.form === 'publish' ? state.failure : undefined;
  const errors = failure?.errors ?? {};
  return (
    <form method="post" action={coursePath(state.studio.course.key, '/releases')} class="form" novalidate>
      <CsrfField reply={reply} />
      <ErrorSummary t={t} errors={errors} fields={{ message: 'publish-message' }} />
      <TextAreaField
        t={t}
        id="publish-message"
        name="message"
        rows={2}
        maxLength={2000}
        label={t.t('studioContent.publish.message')}
        hint={t.t('studioContent.publish.hint')}
        value={failure?.values.message ?? ''}
        error={errors.message}
      />
      <p class="actions">
        <button type="submit" class="button button-primary">
          {t.t('studioContent.publish.submit')}
        </button>
      </p>
    </form>
  );
}

function RevertForm({ t, reply, state }: Props) {
  return (
    <form method="post" action={coursePath(state.studio.course.key, '/reversion')} class="form">
      <CsrfField reply={reply} />
      <p>
        <label>
          <input type="checkbox" name="confirm" value="yes" /> {t.t('studioContent.revert.confirm')}
        </label>
      </p>
      <p class="actions">
        <button type="submit" class="button button-danger">
          {t.t('studioContent.revert.submit')}
        </button>
      </p>
    </form>
  );
}

type SectionProps = Props & { section: TreeSection; index: number };

function SectionItem({ t, reply, state, section, index }: SectionProps) {
  const { studio } = state;
  const key = studio.course.key;
  const base = coursePath(key, `/sections/${section.key}`);
  const headingId = `section-${section.key}`;
  return (
    <section aria-labelledby={headingId} class="outline-section">
      <h3 id={headingId}>{section.title}</h3>
      {studio.canEdit && (
        <div class="outline-tools">
          <RenameForm
            t={t}
            reply={reply}
            action={base}
            id={`rename-${section.key}`}
            title={section.title}
            failure={state.failure}
          />
          <MoveButtons
            t={t}
            reply={reply}
            action={`${base}/position`}
            title={section.title}
            index={index}
            count={studio.tree.sections.length}
          />
          <a href={`${base}/deletion`}>{t.t('studioContent.delete.link', { title: section.title })}</a>
        </div>
      )}
      {section.units.length === 0 && <p class="hint">{t.t('studioContent.outline.noUnits')}</p>}
      <ol class="outline-units" data-island={studio.canEdit ? 'reorder' : undefined}>
        {section.units.map((unit, unitIndex) => (
          <li data-reorder-item={coursePath(key, `/units/${unit.key}/position`)}>
            <UnitItem t={t} reply={reply} state={state} unit={unit} index={unitIndex} count={section.units.length} />
          </li>
        ))}
      </ol>
      {studio.canEdit && (
        <AddTitledForm
          t={t}
          reply={reply}
          state={state}
          form={`unit-${section.key}`}
          action={`${base}/units`}
          label={t.t('studioContent.unit.newTitle', { section: section.title })}
          submit={t.t('studioContent.unit.add')}
        />
      )}
    </section>
  );
}

type UnitProps = Props & { unit: TreeUnit; index: number; count: number };

function UnitItem({ t, reply, state, unit, index, count }: UnitProps) {
  const { studio } = state;
  const key = studio.course.key;
  const base = coursePath(key, `/units/${unit.key}`);
  return (
    <div class="outline-unit">
      <h4>{unit.title}</h4>
      {studio.canEdit && (
        <div class="outline-tools">
          <RenameForm
            t={t}
            reply={reply}
            action={base}
            id={`rename-${unit.key}`}
            title={unit.title}
            failure={state.failure}
          />
          <MoveButtons t={t} reply={reply} action={`${base}/position`} title={unit.title} index={index} count={count} />
          <a href={`${base}/deletion`}>{t.t('studioContent.delete.link', { title: unit.title })}</a>
        </div>
      )}
      <ol class="outline-blocks" data-island={studio.canEdit ? 'reorder' : undefined}>
        {unit.blocks.map((block, blockIndex) => (
          <li data-reorder-item={blockPath(key, block.key, '/position')}>
            <a href={blockPath(key, block.key)}>{block.block.title}</a>{' '}
            <span class="badge">{t.t(BLOCK_TYPE_LABELS[block.block.type])}</span>
            {studio.canEdit && (
              <>
                <MoveButtons
                  t={t}
                  reply={reply}
                  action={blockPath(key, block.key, '/position')}
                  title={block.block.title}
                  index={blockIndex}
                  count={unit.blocks.length}
                />
                <a href={blockPath(key, block.key, '/deletion')}>
                  {t.t('studioContent.delete.link', { title: block.block.title })}
                </a>
              </>
            )}
          </li>
        ))}
      </ol>
      {studio.canEdit && <AddBlockForm t={t} unit={unit} courseKey={key} />}
    </div>
  );
}

/** A GET form: the new block's editor opens with the chosen type, and saving it creates the block. */
function AddBlockForm({ t, unit, courseKey }: { t: T; unit: TreeUnit; courseKey: string }) {
  return (
    <form method="get" action={coursePath(courseKey, `/units/${unit.key}/blocks/new`)} class="form inline-form">
      <SelectField
        t={t}
        id={`new-block-${unit.key}`}
        name="type"
        label={t.t('studioContent.block.newType', { unit: unit.title })}
        options={BLOCK_TYPES.map((type) => ({ value: type, label: t.t(BLOCK_TYPE_LABELS[type]) }))}
      />
      <button type="submit" class="button button-small">
        {t.t('studioContent.block.add')}
      </button>
    </form>
  );
}

function AddSectionForm({ t, reply, state }: Props) {
  return (
    <AddTitledForm
      t={t}
      reply={reply}
      state={state}
      form="section"
      action={coursePath(state.studio.course.key, '/sections')}
      label={t.t('studioContent.section.newTitle')}
      submit={t.t('studioContent.section.add')}
    />
  );
}

type AddProps = Props & { form: string; action: string; label: string; submit: string };

function AddTitledForm({ t, reply, state, form, action, label, submit }: AddProps) {
  const failure = state.failure?.form === form ? state.failure : undefined;
  const id = `add-${form}`;
  return (
    <form method="post" action={action} class="form" novalidate>
      <CsrfField reply={reply} />
      {failure && <ErrorSummary t={t} errors={failure.errors} fields={{ title: id }} />}
      <TextField
        t={t}
        id={id}
        name="title"
        label={label}
        maxLength={200}
        value={failure?.values.title ?? ''}
        error={failure?.errors.title}
      />
      <button type="submit" class="button button-small">
        {submit}
      </button>
    </form>
  );
}
