/*
 * Watched ranges of a video, in seconds. Players report what they played as [start, end] pairs;
 * the server keeps their union, sorted and without overlaps, and judges from it alone.
 */

export type WatchedRange = [number, number];

/** A video counts as watched from this fraction on: credits and a slow start need not be sat through. */
export const WATCHED_FRACTION = 0.9;
/** Fractions at which a 'progressed' statement is recorded, once each. */
export const PROGRESS_MILESTONES = [0.25, 0.5, 0.75] as const;
/** A stored list never grows beyond this: the nearest ranges are joined first. */
export const MAX_STORED_RANGES = 200;

export type WatchedSummary = {
  watchedSeconds: number;
  durationSeconds: number;
  /** Between 0 and 1. */
  fraction: number;
  positionSeconds: number;
};

/** Milliseconds are plenty for a player, and keep tiny floats out of the database's REAL columns. */
export function roundSeconds(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function clampRange([start, end]: WatchedRange, duration: number): WatchedRange | null {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  const from = roundSeconds(Math.min(Math.max(start, 0), duration));
  const to = roundSeconds(Math.min(Math.max(end, 0), duration));
  return to > from ? [from, to] : null;
}

/** Joins the two ranges with the smallest gap between them until at most `max` are left. */
function capRanges(ranges: WatchedRange[], max: number): WatchedRange[] {
  const result = ranges.map((range): WatchedRange => [range[0], range[1]]);
  while (result.length > max) {
    let nearest = 0;
    for (let index = 1; index < result.length - 1; index += 1) {
      if (result[index + 1]![0] - result[index]![1] < result[nearest + 1]![0] - result[nearest]![1]) nearest = index;
    }
    result.splice(nearest, 2, [result[nearest]![0], result[nearest + 1]![1]]);
  }
  return result;
}

/**
 * The union of ranges within [0, duration]: clamped, empty or non-finite ones dropped, sorted,
 * overlapping and touching ones merged, at most MAX_STORED_RANGES of them.
 */
export function mergeRanges(ranges: readonly WatchedRange[], duration: number): WatchedRange[] {
  if (!(duration > 0)) return [];
  const clamped = ranges
    .map((range) => clampRange(range, duration))
    .filter((range): range is WatchedRange => range !== null)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: WatchedRange[] = [];
  for (const range of clamped) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return capRanges(merged, MAX_STORED_RANGES);
}

/** Total seconds covered by ranges that do not overlap. */
export function measureRanges(ranges: readonly WatchedRange[]): number {
  return ranges.reduce((total, [start, end]) => total + (end - start), 0);
}

export function summarizeWatched(
  ranges: readonly WatchedRange[],
  durationSeconds: number,
  positionSeconds: number,
): WatchedSummary {
  const watchedSeconds = measureRanges(ranges);
  const fraction = durationSeconds > 0 ? Math.min(1, watchedSeconds / durationSeconds) : 0;
  return { watchedSeconds, durationSeconds, fraction, positionSeconds };
}

/** The milestones passed when the watched fraction grew from `before` to `after`. */
export function listCrossedMilestones(before: number, after: number): number[] {
  return PROGRESS_MILESTONES.filter((milestone) => before < milestone && after >= milestone);
}
