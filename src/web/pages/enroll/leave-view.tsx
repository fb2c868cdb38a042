import type { T } from '../../messages/index.ts';
import { languageAttributes, type PickedText } from '../../views/course-card.tsx';

type Props = { t: T; csrf: string; title: PickedText; code: string; action: string; stay: string };

export function LeaveView({ t, csrf, title, code, action, stay }: Props) {
  return (
    <section class="leave-run" aria-labelledby="leave-heading">
      <h1 id="leave-heading">{t.t('enroll.leave.title', { code })}</h1>
      <p class="lead">
        {t.t('enroll.leave.course')} <span {...languageAttributes(title, t.locale)}>{title.text}</span>
      </p>
      <p>{t.t('enroll.leave.body')}</p>
      <form method="post" action={action} class="actions">
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit" class="button-danger">
          {t.t('enroll.leave.confirm')}
        </button>
        <a href={stay} class="button button-secondary">
          {t.t('enroll.leave.cancel')}
        </a>
      </form>
    </section>
  );
}
