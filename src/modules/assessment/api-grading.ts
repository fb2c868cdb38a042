/** Course grades under the run's policy, progress, gradebook, overrides, recompute, course.passed. */
export {};
