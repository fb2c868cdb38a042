import type { MyCircleView, StudyCircle } from '../../../modules/discussions/index.ts';
import type { MessageKey, T } from '../../messages/index.ts';
import { SelectField } from '../../views/forms.tsx';
import { languageOptions, type LanguageChoice } from './languages.ts';
import { circleForumPath, circlesPath, countryOf, listLanguages, type CirclePageFrame } from './shared.ts';

export type LearnerCircleData = CirclePageFrame & {
  view: MyCircleView;
  /** The languages the form shows: what failed, else what they saved, else their language. */
  choice: LanguageChoice;
  choiceError?: MessageKey | undefined;
};

function LanguageForm({ t, data, submit }: { t: T; data: LearnerCircleData; submit: MessageKey }) {
  const { choice, choiceError } = data;
  const options = languageOptions([choice.primary, ...choice.others].filter(Boolean)).map((tag) => ({
    value: tag,
    label: t.languageName(tag),
  }));
  return (
    <form method="post" action={circlesPath(data.courseKey, data.runCode, '/join')} class="form">
      <input type="hidden" name="_csrf" value={data.csrf} />
      <SelectField
        t={t}
        id="circle-primary"
        name="primary"
        label={t.t('circles.join.primary')}
        value={choice.primary}
        options={options}
        required
        error={choiceError}
      />
      <fieldset class="plain-fieldset" id="circle-languages" aria-describedby="circle-languages-hint">
        <legend>{t.t('circles.join.others')}</legend>
        <p class="hint" id="circle-languages-hint">
          {t.t('circles.join.othersHint')}
        </p>
        <ul class="inline-list">
          {options.map((option, index) => (
            <li>
              <label class="checkbox" for={`circle-languages-${index}`}>
                <input
                  type="checkbox"
                  id={`circle-languages-${index}`}
                  name="languages"
                  value={option.value}
                  checked={choice.others.includes(option.value)}
                />{' '}
                <span>{option.label}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <p class="actions">
        <button type="submit" class="button">
          {t.t(submit)}
        </button>
      </p>
    </form>
  );
}

function LeaveForm({ t, data, text }: { t: T; data: LearnerCircleData; text: MessageKey }) {
  return (
    <section aria-labelledby="circle-leave-title">
      <h2 id="circle-leave-title">{t.t('circles.leave.title')}</h2>
      <p>{t.t(text)}</p>
      <form method="post" action={circlesPath(data.courseKey, data.runCode, '/leave')} class="inline-form">
        <input type="hidden" name="_csrf" value={data.csrf} />
        <button type="submit" class="button button-secondary">
          {t.t('circles.leave.submit')}
        </button>
      </form>
    </section>
  );
}

function MyCircle({ t, data, circle }: { t: T; data: LearnerCircleData; circle: StudyCircle }) {
  const me = data.view.reader.actor.userId;
  return (
    <>
      <section aria-labelledby="my-circle-title">
        <h2 id="my-circle-title">{t.t('circles.mine.title', { number: circle.number })}</h2>
        <p>{t.t('circles.mine.language', { language: t.languageName(circle.language) })}</p>
        <p>{t.t('circles.size', { members: circle.members.length, countries: circle.countries })}</p>
        <h3>{t.t('circles.members')}</h3>
        <ul class="circle-members">
          {circle.members.map((member) => (
            <li>
              <strong>{member.name}</strong>
              {member.userId === me && ` ${t.t('circles.member.you')}`}
              {' · '}
              {countryOf(t, member.country)}
              {' · '}
              {t.t('circles.member.languages', { languages: listLanguages(t, member.languages) })}
            </li>
          ))}
        </ul>
        <p class="actions">
          <a class="button" href={circleForumPath(data.courseKey, data.runCode, circle.id)}>
            {t.t('circles.threads')}
          </a>
          <a class="button button-secondary" href={circleForumPath(data.courseKey, data.runCode, circle.id, '/new')}>
            {t.t('circles.newThread')}
          </a>
        </p>
      </section>
      <LeaveForm t={t} data={data} text="circles.leave.text" />
    </>
  );
}

function Waiting({ t, data }: { t: T; data: LearnerCircleData }) {
  const { view } = data;
  return (
    <>
      <section aria-labelledby="circle-waiting-title">
        <h2 id="circle-waiting-title">{t.t('circles.waiting.title')}</h2>
        <p>{t.t('circles.waiting.text', { count: view.waiting })}</p>
        <p>{t.t('circles.languages', { languages: listLanguages(t, view.languages) })}</p>
      </section>
      <section aria-labelledby="circle-languages-title">
        <h2 id="circle-languages-title">{t.t('circles.update.title')}</h2>
        <LanguageForm t={t} data={data} submit="circles.update.submit" />
      </section>
      <LeaveForm t={t} data={data} text="circles.leave.waiting" />
    </>
  );
}

/** What a learner sees: how circles work, then the opt-in form, their wait, or their circle. */
export function LearnerCircles({ t, data }: { t: T; data: LearnerCircleData }) {
  const { view } = data;
  return (
    <>
      <p>{t.t('circles.intro')}</p>
      {!view.circle && <p>{t.t('circles.how')}</p>}
      {view.circle ? (
        <MyCircle t={t} data={data} circle={view.circle} />
      ) : view.optedIn ? (
        <Waiting t={t} data={data} />
      ) : (
        <section aria-labelledby="circle-join-title">
          <h2 id="circle-join-title">{t.t('circles.join.title')}</h2>
          <LanguageForm t={t} data={data} submit="circles.join.submit" />
        </section>
      )}
    </>
  );
}
