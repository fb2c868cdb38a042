/** The content tree, its edits and versioned publishing of a course. */
export { getDraftTree, getPublishedTree, getReleaseTree } from './tree.ts';
export {
  addSection,
  addUnit,
  deleteSection,
  deleteUnit,
  moveSection,
  moveUnit,
  updateSection,
  updateUnit,
  type NewContainer,
} from './content-structure.ts';
export { addBlock, deleteBlock, moveBlock, updateBlock } from './content-blocks.ts';
export {
  publishCourse,
  registerCoursePublishedListener,
  revertDraft,
  type CoursePublishedListener,
} from './publish.ts';
export { getPendingChanges, listReleases } from './release.ts';
