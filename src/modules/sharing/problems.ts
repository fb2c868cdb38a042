import { invalid, type DomainError } from '../../platform/errors/index.ts';

/**
 * One thing wrong with a package. `where` names the archive entry or the manifest path, so a
 * person can find it; `code` is stable for scripts and tests.
 */
export type PackageProblem = { code: string; where: string; message: string };

/** Problems after which reading further would be pointless or unsafe (not a zip, too big). */
export class FatalPackageProblem extends Error {
  override name = 'FatalPackageProblem';
  constructor(readonly problem: PackageProblem) {
    super(problem.message);
  }
}

export function problem(code: string, where: string, message: string): PackageProblem {
  return { code, where, message };
}

/** The one `invalid` error an import answers with: every problem, also as problem+json fields. */
export function toPackageError(problems: readonly PackageProblem[]): DomainError {
  const fields = problems.map((entry) => ({ field: entry.where, message: `${entry.message} (${entry.code})` }));
  const summary = fields
    .slice(0, 20)
    .map((field) => `${field.field}: ${field.message}`)
    .join('; ');
  const more = problems.length > 20 ? `; and ${problems.length - 20} more` : '';
  return invalid('package.invalid', `The package cannot be imported: ${summary}${more}`, {
    problems: [...problems],
    fields,
  });
}
