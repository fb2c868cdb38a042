import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_STORED_RANGES,
  listCrossedMilestones,
  measureRanges,
  mergeRanges,
  summarizeWatched,
  type WatchedRange,
} from './ranges.ts';

const duration = fc.integer({ min: 1, max: 600 });
const range = fc.tuple(fc.integer({ min: -50, max: 700 }), fc.integer({ min: -50, max: 700 }));
const ranges = fc.array(range, { maxLength: 40 }) as fc.Arbitrary<WatchedRange[]>;

/** The seconds [s, s+1) that some range covers, counted on a grid: an independent union. */
function coveredSeconds(input: readonly WatchedRange[], length: number): number {
  const seconds = new Array<boolean>(length).fill(false);
  for (const [start, end] of input) {
    for (let second = Math.max(0, start); second < Math.min(length, end); second += 1) seconds[second] = true;
  }
  return seconds.filter(Boolean).length;
}

describe('merging watched ranges', () => {
  it('gives sorted, disjoint, non-empty ranges inside the video', () => {
    fc.assert(
      fc.property(ranges, duration, (input, length) => {
        const merged = mergeRanges(input, length);
        merged.forEach(([start, end], index) => {
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeLessThanOrEqual(length);
          expect(end).toBeGreaterThan(start);
          if (index > 0) expect(start).toBeGreaterThan(merged[index - 1]![1]);
        });
      }),
    );
  });

  it('covers exactly the union of the reported ranges, clamped to the video', () => {
    fc.assert(
      fc.property(ranges, duration, (input, length) => {
        expect(measureRanges(mergeRanges(input, length))).toBe(coveredSeconds(input, length));
      }),
    );
  });

  it('does not depend on the order or repetition of reports', () => {
    fc.assert(
      fc.property(ranges, ranges, duration, (first, second, length) => {
        const once = mergeRanges([...first, ...second], length);
        expect(mergeRanges([...second, ...first, ...first], length)).toEqual(once);
        expect(mergeRanges([...mergeRanges(first, length), ...second], length)).toEqual(once);
      }),
    );
  });

  it('never loses watched time when more is reported', () => {
    fc.assert(
      fc.property(ranges, ranges, duration, (first, second, length) => {
        const before = measureRanges(mergeRanges(first, length));
        expect(measureRanges(mergeRanges([...first, ...second], length))).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('drops non-finite, empty and reversed ranges and joins touching ones', () => {
    expect(
      mergeRanges(
        [
          [Number.NaN, 5],
          [3, Number.POSITIVE_INFINITY],
          [8, 8],
          [9, 4],
          [0, 10],
          [10, 20],
        ],
        100,
      ),
    ).toEqual([[0, 20]]);
    expect(mergeRanges([[0, 10]], 0)).toEqual([]);
  });

  it('keeps at most MAX_STORED_RANGES ranges by joining the nearest ones', () => {
    const many = Array.from({ length: MAX_STORED_RANGES * 2 }, (_, index): WatchedRange => [index * 3, index * 3 + 1]);
    const merged = mergeRanges(many, 10_000);
    expect(merged).toHaveLength(MAX_STORED_RANGES);
    expect(measureRanges(merged)).toBeGreaterThanOrEqual(MAX_STORED_RANGES * 2);
  });
});

describe('watched fraction and milestones', () => {
  it('measures the share of the video watched, at most all of it', () => {
    expect(summarizeWatched([[0, 45]], 90, 45)).toEqual({
      watchedSeconds: 45,
      durationSeconds: 90,
      fraction: 0.5,
      positionSeconds: 45,
    });
  });

  it('names each milestone passed once, however far a report jumps', () => {
    expect(listCrossedMilestones(0, 0.8)).toEqual([0.25, 0.5, 0.75]);
    expect(listCrossedMilestones(0.25, 0.5)).toEqual([0.5]);
    expect(listCrossedMilestones(0.5, 0.74)).toEqual([]);
    expect(listCrossedMilestones(0.9, 1)).toEqual([]);
  });
});
