import type { GradebookCsvLabels } from '../../../modules/assessment/index.ts';
import type { T } from '../../messages/index.ts';

/** Column titles of the CSV in the reader's language. */
export function csvLabels(t: T): GradebookCsvLabels {
  return {
    learnerId: t.t('grades.csv.learnerId'),
    name: t.t('grades.csv.name'),
    email: t.t('grades.csv.email'),
    mode: t.t('grades.csv.mode'),
    average: (type) => t.t('grades.csv.average', { type }),
    grade: t.t('grades.csv.grade'),
    override: t.t('grades.csv.override'),
    passed: t.t('grades.csv.passed'),
    yes: t.t('grades.csv.yes'),
    no: t.t('grades.csv.no'),
  };
}
