/** Outline with completion, units, completion rules, video progress and resume. */
export {};
