import type { CircleMember, StudyCircle } from '../../../modules/discussions/index.ts';
import type { T } from '../../messages/index.ts';
import { circlesPath, countryOf, listLanguages, type CirclePageFrame } from './shared.ts';

export type StaffCircleData = CirclePageFrame & { circles: StudyCircle[]; waiting: CircleMember[] };

/** The value of the move form's choice that sends a learner back to the waiting list. */
export const TO_WAITING = 'waiting';

function MoveForm(props: { t: T; data: StaffCircleData; member: CircleMember; current: number | null }) {
  const { t, data, member, current } = props;
  const id = `move-${member.userId}`;
  return (
    <form method="post" action={circlesPath(data.courseKey, data.runCode, '/moves')} class="inline-form">
      <input type="hidden" name="_csrf" value={data.csrf} />
      <input type="hidden" name="userId" value={member.userId} />
      <label for={id} class="visually-hidden">
        {t.t('circles.staff.moveTo', { name: member.name })}
      </label>
      <select id={id} name="circleId">
        <option value={TO_WAITING} selected={current === null}>
          {t.t('circles.staff.toWaiting')}
        </option>
        {data.circles.map((circle) => (
          <option value={String(circle.id)} selected={circle.id === current}>
            {t.t('circles.staff.toCircle', { number: circle.number, language: t.languageName(circle.language) })}
          </option>
        ))}
      </select>{' '}
      <button type="submit" class="button-small">
        {t.t('circles.staff.moveSubmit')}
      </button>
    </form>
  );
}

function MemberTable(props: {
  t: T;
  data: StaffCircleData;
  members: CircleMember[];
  current: number | null;
  labelledBy: string;
}) {
  const { t, data, members, current, labelledBy } = props;
  return (
    <div class="table-wrap">
      <table aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">{t.t('circles.staff.name')}</th>
            <th scope="col">{t.t('circles.staff.country')}</th>
            <th scope="col">{t.t('circles.staff.languages')}</th>
            <th scope="col">{t.t('circles.staff.move')}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr>
              <th scope="row">{member.name}</th>
              <td>{countryOf(t, member.country)}</td>
              <td>{listLanguages(t, member.languages)}</td>
              <td>
                <MoveForm t={t} data={data} member={member} current={current} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CircleSection({ t, data, circle }: { t: T; data: StaffCircleData; circle: StudyCircle }) {
  const headingId = `circle-${circle.id}-title`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t.t('circles.staff.circle', { number: circle.number, language: t.languageName(circle.language) })}
      </h3>
      <p>{t.t('circles.size', { members: circle.members.length, countries: circle.countries })}</p>
      {circle.members.length > 0 && (
        <MemberTable t={t} data={data} members={circle.members} current={circle.id} labelledBy={headingId} />
      )}
    </section>
  );
}

/** What course staff see: every circle with its members, the waiting list, and the tools to rearrange them. */
export function StaffCircles({ t, data }: { t: T; data: StaffCircleData }) {
  return (
    <>
      <p>{t.t('circles.intro')}</p>
      <p>{t.t('circles.staff.lead')}</p>
      <p>{t.t('circles.staff.summary', { circles: data.circles.length, waiting: data.waiting.length })}</p>
      <form method="post" action={circlesPath(data.courseKey, data.runCode, '/matching')} class="inline-form">
        <input type="hidden" name="_csrf" value={data.csrf} />
        <button type="submit" class="button">
          {t.t('circles.staff.match')}
        </button>
      </form>
      <section aria-labelledby="staff-circles-title">
        <h2 id="staff-circles-title">{t.t('circles.staff.circles')}</h2>
        {data.circles.length === 0 ? (
          <p>{t.t('circles.staff.none')}</p>
        ) : (
          data.circles.map((circle) => <CircleSection t={t} data={data} circle={circle} />)
        )}
      </section>
      <section aria-labelledby="staff-waiting-title">
        <h2 id="staff-waiting-title">{t.t('circles.staff.waiting')}</h2>
        {data.waiting.length === 0 ? (
          <p>{t.t('circles.staff.waitingNone')}</p>
        ) : (
          <MemberTable t={t} data={data} members={data.waiting} current={null} labelledBy="staff-waiting-title" />
        )}
      </section>
    </>
  );
}
