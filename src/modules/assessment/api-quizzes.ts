/** Quiz attempts: start, autosave, submit, mark, reveal, receipts. */
export {};
