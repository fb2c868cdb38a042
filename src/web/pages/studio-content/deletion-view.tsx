import type { FastifyReply } from 'fastify';
import type { T } from '../../messages/index.ts';
import { Alert, CsrfField } from '../../views/forms.tsx';
import { StudioFrame } from '../../views/studio-layout.tsx';
import type { StudioCourse } from './shared.ts';

/** The confirmation step before anything is deleted from the draft. */
export function DeletionView(props: {
  t: T;
  reply: FastifyReply;
  studio: StudioCourse;
  title: string;
  detail: string;
  action: string;
  back: string;
}) {
  const { t, reply, studio } = props;
  return (
    <StudioFrame t={t} course={{ key: studio.course.key, title: studio.title }} current="outline">
      <h2>{t.t('studioContent.delete.heading', { title: props.title })}</h2>
      <Alert kind="info">
        <p>{props.detail}</p>
        <p>{t.t('studioContent.delete.learners')}</p>
      </Alert>
      <form method="post" action={props.action} class="form">
        <CsrfField reply={reply} />
        <p class="actions">
          <button type="submit" class="button button-danger">
            {t.t('studioContent.delete.submit')}
          </button>{' '}
          <a href={props.back}>{t.t('studioContent.delete.cancel')}</a>
        </p>
      </form>
    </StudioFrame>
  );
}
