/** A learner's attempts and grades for their data export. */
export {};
