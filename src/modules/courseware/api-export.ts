/** A learner's completions and progress for their data export. */
export {};
