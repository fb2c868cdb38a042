import { describe, expect, it } from 'vitest';
import { conflict, forbidden, invalid } from '../../../platform/errors/index.ts';
import { emptyProgramForm, listCourseKeys, programErrorsFrom, toNewProgram } from './form.ts';

describe('toNewProgram', () => {
  it('sends the languages filled in, English always, and the number to pass only under the rule "any"', () => {
    const values = {
      ...emptyProgramForm(),
      key: 'climate',
      titleAr: 'المناخ',
      descriptionZh: '气候',
      rule: 'all',
      requiredCount: '2',
      courses: ['a-course'],
    };
    expect(toNewProgram(values, 'lead')).toEqual({
      key: 'climate',
      title: { en: '', ar: 'المناخ' },
      description: { 'zh-Hans': '气候' },
      leadInstitution: 'lead',
      partnerInstitutions: [],
      courses: ['a-course'],
      rule: 'all',
    });
    expect(toNewProgram({ ...values, rule: 'any_n' }, 'lead')).toMatchObject({ requiredCount: 2 });
    expect(toNewProgram({ ...values, rule: 'any_n', requiredCount: 'two' }, 'lead')).toMatchObject({
      requiredCount: 'two',
    });
    expect(toNewProgram({ ...values, rule: 'any_n', requiredCount: '' }, 'lead')).not.toHaveProperty('requiredCount');
  });

  it('lists the ticked courses first, then the typed ones, once each', () => {
    expect(listCourseKeys({ courses: ['b', 'a'], otherCourses: 'c\n\n a , d\r\nb' })).toEqual(['b', 'a', 'c', 'd']);
  });
});

describe('programErrorsFrom', () => {
  it('gives each field of a refused program its message', () => {
    const error = invalid(
      'program.invalid',
      'key: must be 2–63 lower-case letters; title.en: String must contain at least 1 character(s); ' +
        'description.ar: too long; rule: Invalid enum value; requiredCount: must be given when the rule is any_n',
    );
    expect(programErrorsFrom(error)).toEqual({
      status: 400,
      errors: {
        fields: {
          key: 'programs.error.key',
          title: 'programs.error.title',
          description: 'programs.error.description',
          rule: 'programs.error.rule',
          requiredCount: 'programs.error.requiredCount.missing',
        },
      },
    });
  });

  it('names the course a program cannot have', () => {
    const unknown = invalid('program.invalid', 'courses: there is no published course "ghost-101"');
    expect(programErrorsFrom(unknown).errors.courses).toEqual({
      key: 'programs.error.courses.unknown',
      course: 'ghost-101',
    });
    const foreign = invalid('program.invalid', `courses: "far-101" is not a course of the program's institutions`);
    expect(programErrorsFrom(foreign).errors.courses).toEqual({
      key: 'programs.error.courses.notOwned',
      course: 'far-101',
    });
    const none = invalid('program.invalid', 'courses: needs at least one course');
    expect(programErrorsFrom(none).errors.courses).toEqual({ key: 'programs.error.courses.none' });
    const many = invalid('program.invalid', 'courses: may have at most 30 courses');
    expect(programErrorsFrom(many).errors.courses).toEqual({ key: 'programs.error.courses.tooMany' });
  });

  it('reports a taken key as a conflict, anything unrecognised as a general problem, and rethrows the rest', () => {
    expect(programErrorsFrom(conflict('program.key_taken', 'taken'))).toEqual({
      status: 409,
      errors: { fields: { key: 'programs.error.keyTaken' } },
    });
    expect(programErrorsFrom(invalid('program.invalid', 'program: something else')).errors.fields).toEqual({
      _: 'programs.error.other',
    });
    const refusal = forbidden();
    expect(() => programErrorsFrom(refusal)).toThrow(refusal);
    expect(() => programErrorsFrom(new Error('boom'))).toThrow('boom');
  });
});
