/** Sharing: course packages (a zip of one course's content and media) to export and import. */
export { exportCoursePackage, type CoursePackage, type PackageSide } from './export.ts';
export {
  PACKAGE_MAX_ENTRIES,
  PACKAGE_MAX_RATIO,
  importCoursePackage,
  importTargetSchema,
  type ImportResult,
  type ImportTarget,
} from './import.ts';
export { MANIFEST_NAME, PACKAGE_FORMAT, PACKAGE_VERSION, type Manifest, type PackageMedia } from './manifest.ts';
export type { PackageProblem } from './problems.ts';
