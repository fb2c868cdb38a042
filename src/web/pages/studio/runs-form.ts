import type { CourseRun, GradingPolicy, NewRun, RunChanges } from '../../../modules/courses/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import { toDateInput } from './fields.tsx';
import { invalidFields, parseNumberField, readField, type FieldErrors } from './shared.ts';

export const RUN_FIELDS = [
  'pacing',
  'language',
  'enrollmentOpensAt',
  'enrollmentClosesAt',
  'startsAt',
  'endsAt',
  'capacity',
  'certificatePolicy',
] as const;
export type RunValues = Record<(typeof RUN_FIELDS)[number], string> & { code: string; release: string };

export type GradingRow = { name: string; weight: string; dropLowest: string };
export type GradingValues = { rows: GradingRow[]; passMark: string };

const EMPTY_GRADING_ROWS = 2;

export function emptyRunValues(language: string, releaseId: number | null): RunValues {
  return {
    code: '',
    release: releaseId === null ? '' : String(releaseId),
    pacing: 'self_paced',
    language,
    enrollmentOpensAt: '',
    enrollmentClosesAt: '',
    startsAt: '',
    endsAt: '',
    capacity: '',
    certificatePolicy: 'none',
  };
}

export function runValuesOf(run: CourseRun): RunValues {
  return {
    code: run.code,
    release: String(run.releaseId),
    pacing: run.pacing,
    language: run.language,
    enrollmentOpensAt: toDateInput(run.enrollmentOpensAt),
    enrollmentClosesAt: toDateInput(run.enrollmentClosesAt),
    startsAt: toDateInput(run.startsAt),
    endsAt: toDateInput(run.endsAt),
    capacity: run.capacity === null ? '' : String(run.capacity),
    certificatePolicy: run.certificatePolicy,
  };
}

export function readRunValues(body: unknown): RunValues {
  const values = Object.fromEntries(RUN_FIELDS.map((field) => [field, readField(body, field)])) as RunValues;
  return { ...values, code: readField(body, 'code'), release: readField(body, 'release') };
}

function settingsInput(values: RunValues) {
  return {
    pacing: values.pacing as NewRun['pacing'],
    language: values.language,
    enrollmentOpensAt: values.enrollmentOpensAt,
    enrollmentClosesAt: values.enrollmentClosesAt,
    startsAt: values.startsAt,
    endsAt: values.endsAt,
    capacity: parseNumberField(values.capacity),
    certificatePolicy: values.certificatePolicy as NewRun['certificatePolicy'],
  };
}

export function toNewRun(values: RunValues): NewRun {
  const release = /^[1-9]\d{0,8}$/.test(values.release) ? Number(values.release) : null;
  return { code: values.code, releaseId: release, ...settingsInput(values) };
}

export function toRunChanges(values: RunValues): RunChanges {
  return settingsInput(values);
}

const percent = (fraction: number) => String(Math.round(fraction * 1000) / 10);

export function gradingValuesOf(policy: GradingPolicy): GradingValues {
  return withEmptyGradingRows({
    rows: policy.assignmentTypes.map((type) => ({
      name: type.name,
      weight: percent(type.weight),
      dropLowest: String(type.dropLowest),
    })),
    passMark: percent(policy.passMark),
  });
}

export function withEmptyGradingRows(values: GradingValues): GradingValues {
  const empty = Array.from({ length: EMPTY_GRADING_ROWS }, () => ({ name: '', weight: '', dropLowest: '' }));
  return { ...values, rows: [...values.rows, ...empty] };
}

export function readGradingValues(body: unknown): GradingValues {
  const rows: GradingRow[] = [];
  for (let index = 0; index < 30; index += 1) {
    const name = readField(body, `types.${index}.name`);
    const weight = readField(body, `types.${index}.weight`);
    const dropLowest = readField(body, `types.${index}.dropLowest`);
    if (name || weight || dropLowest) rows.push({ name, weight, dropLowest });
  }
  return { rows, passMark: readField(body, 'passMark') };
}

/** Percentages as typed become the fractions the policy stores. */
export function toGradingPolicy(values: GradingValues): GradingPolicy {
  const fraction = (value: string) => {
    const number = parseNumberField(value);
    return number === null ? Number.NaN : number / 100;
  };
  return {
    assignmentTypes: values.rows.map((row) => ({
      name: row.name,
      weight: fraction(row.weight),
      dropLowest: parseNumberField(row.dropLowest) ?? 0,
    })),
    passMark: fraction(values.passMark),
  };
}

const RUN_MESSAGES: Record<string, MessageKey> = {
  code: 'studio.error.runCode',
  releaseId: 'studio.error.release',
  pacing: 'studio.error.pacing',
  language: 'studio.error.runLanguage',
  enrollmentOpensAt: 'studio.error.date',
  enrollmentClosesAt: 'studio.error.enrollmentCloses',
  startsAt: 'studio.error.startsAt',
  endsAt: 'studio.error.endsAt',
  capacity: 'studio.error.capacity',
  certificatePolicy: 'studio.error.certificatePolicy',
};

/** Run errors keyed by the field name; the view prefixes them with the form's id. */
export function runErrorsFrom(error: unknown): FieldErrors {
  const fields = invalidFields(error);
  if (!fields) throw error;
  const errors: FieldErrors = {};
  for (const { field } of fields) {
    const name = field.split('.')[0]!;
    errors[name] ??= RUN_MESSAGES[name] ?? 'studio.error.other';
  }
  if (Object.keys(errors).length === 0) errors._ = 'studio.error.other';
  return errors;
}

/** Grading errors keyed by `passMark`, `<row>-name`, `<row>-weight`, `<row>-dropLowest` or `_`. */
export function gradingErrorsFrom(error: unknown): FieldErrors {
  const fields = invalidFields(error);
  if (!fields) throw error;
  const errors: FieldErrors = {};
  for (const { field, message } of fields) {
    const path = field.split('.').filter((segment) => segment !== 'gradingPolicy');
    if (path[0] === 'passMark') errors.passMark ??= 'studio.error.passMark';
    else if (path[0] === 'assignmentTypes' && path[1] !== undefined && path[2] !== undefined) {
      const kind = path[2] === 'weight' ? 'weight' : path[2] === 'dropLowest' ? 'dropLowest' : 'name';
      errors[`${path[1]}-${kind}`] ??= `studio.error.grading.${kind}`;
    } else if (message.includes('unique')) errors._ = 'studio.error.grading.unique';
    else if (message.includes('100')) errors._ = 'studio.error.grading.sum';
    else errors._ ??= 'studio.error.other';
  }
  if (Object.keys(errors).length === 0) errors._ = 'studio.error.other';
  return errors;
}
