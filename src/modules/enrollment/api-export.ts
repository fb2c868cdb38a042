/** A learner's enrollments for their data export. */
export {};
