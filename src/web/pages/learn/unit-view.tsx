import type { QuizStatus } from '../../../modules/assessment/index.ts';
import type { LearnerBlock, UnitView } from '../../../modules/courseware/index.ts';
import type { Transcript } from '../../../modules/courses/index.ts';
import type { T } from '../../messages/index.ts';
import { LearnerBlockView } from '../../views/blocks/index.tsx';
import { languageAttributes, type PickedText } from '../../views/course-card.tsx';
import { Breadcrumbs, DataSaverToggle, RunNotice } from './parts.tsx';
import { completePath, forumTopicPath, progressApiPath, quizPath, runPath, unitPath } from './shared.ts';

export type UnitPageData = {
  view: UnitView;
  title: PickedText;
  transcripts: ReadonlyMap<string, readonly Transcript[]>;
  quizStatuses: ReadonlyMap<number, QuizStatus>;
  dataSaver: boolean;
  csrfToken: string;
  path: string;
};

/** Only an enrolled learner in an open run records anything; previews and ended runs only read. */
function isRecording(view: UnitView): boolean {
  return view.reader === 'learner' && view.phase === 'open';
}

function BlockEntry({ t, data, block }: { t: T; data: UnitPageData; block: LearnerBlock }) {
  const { view } = data;
  const key = view.course.key;
  const code = view.run.code;
  const recording = isRecording(view);
  const markable = recording && block.type !== 'quiz' && block.completion === null;
  return (
    <LearnerBlockView
      t={t}
      block={block}
      transcripts={data.transcripts.get(block.key) ?? []}
      dataSaver={data.dataSaver}
      progressUrl={recording && block.type === 'video' ? progressApiPath(key, code, block.key) : null}
      completeForm={
        markable ? { action: completePath(key, code, view.unit.key, block.key), csrfToken: data.csrfToken } : null
      }
      quiz={{ href: quizPath(key, code, block.key), status: data.quizStatuses.get(block.entityId) ?? null }}
      discussion={{
        threads: forumTopicPath(key, code, block.key),
        newThread: forumTopicPath(key, code, block.key, '/new'),
      }}
    />
  );
}

function UnitNavigation({ t, view }: { t: T; view: UnitView }) {
  const key = view.course.key;
  const code = view.run.code;
  return (
    <nav aria-label={t.t('learn.unit.navigation')} class="unit-nav">
      <ul>
        {view.previous && (
          <li>
            <a href={unitPath(key, code, view.previous.key)} rel="prev">
              <span aria-hidden="true">← </span>
              {t.t('learn.unit.previous', { title: view.previous.title })}
            </a>
          </li>
        )}
        <li>
          <a href={runPath(key, code)}>{t.t('learn.unit.outline')}</a>
        </li>
        {view.next && (
          <li>
            <a href={unitPath(key, code, view.next.key)} rel="next">
              {t.t('learn.unit.next', { title: view.next.title })}
              <span aria-hidden="true"> →</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** A unit page: where it sits, its blocks, the way on, and the data saver switch. */
export function UnitPage({ t, data }: { t: T; data: UnitPageData }) {
  const { view, title } = data;
  return (
    <div class="learn-page">
      <Breadcrumbs
        t={t}
        crumbs={[
          { label: t.t('learn.my.title'), href: '/learn' },
          {
            label: title.text,
            href: runPath(view.course.key, view.run.code),
            lang: languageAttributes(title, t.locale).lang,
          },
          { label: view.section.title },
          { label: view.unit.title },
        ]}
      />
      <RunNotice t={t} run={view.run} phase={view.phase} preview={view.reader === 'staff'} />
      <article aria-labelledby="unit-title" class="unit">
        <h1 id="unit-title">{view.unit.title}</h1>
        <p class="hint">{t.t('learn.unit.position', { section: view.section.number, unit: view.unit.number })}</p>
        {view.blocks.length === 0 && <p>{t.t('learn.unit.empty')}</p>}
        {view.blocks.map((block) => (
          <BlockEntry t={t} data={data} block={block} />
        ))}
      </article>
      <UnitNavigation t={t} view={view} />
      <DataSaverToggle t={t} enabled={data.dataSaver} csrfToken={data.csrfToken} back={data.path} />
    </div>
  );
}
