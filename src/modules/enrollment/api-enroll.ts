/** Enrolling, unenrolling, bulk enrollment and listings. */
export {};
