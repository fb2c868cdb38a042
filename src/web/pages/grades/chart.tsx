import { scaleBand, scaleLinear } from 'd3-scale';

export type Bar = {
  label: string;
  /** 0..1, or null for a bar with nothing to show (not attempted, no points). */
  value: number | null;
  /** Drawn in a quieter colour: the value does not count (a dropped score). */
  muted?: boolean;
};

export type BarChartProps = {
  /** Unique on the page: the title and description are referred to by it. */
  id: string;
  title: string;
  description: string;
  bars: readonly Bar[];
  passMark: { value: number; label: string };
  dir: 'ltr' | 'rtl';
  formatValue: (value: number) => string;
};

const WIDTH = 640;
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 64;
const ROW = 30;
const TOP = 26;
const BOTTOM = 24;
const MAX_LABEL = 26;

function shorten(text: string): string {
  const characters = [...text];
  return characters.length > MAX_LABEL ? `${characters.slice(0, MAX_LABEL - 1).join('')}…` : text;
}

/**
 * A horizontal bar chart drawn on the server as SVG: one bar per entry from 0 to 100 %, a line at
 * the pass mark, gridlines every 20 %. It is one image to assistive technology (role="img" named by
 * its title and described by its description); the page shows the same figures as a table. In a
 * right-to-left page the bars grow from the right and labels sit on the right.
 */
export function BarChart({ id, title, description, bars, passMark, dir, formatValue }: BarChartProps) {
  const rtl = dir === 'rtl';
  const height = TOP + bars.length * ROW + BOTTOM;
  const plotFrom = LABEL_WIDTH + 8;
  const plotTo = WIDTH - VALUE_WIDTH;
  const x = scaleLinear()
    .domain([0, 1])
    .range(rtl ? [WIDTH - plotFrom, WIDTH - plotTo] : [plotFrom, plotTo])
    .clamp(true);
  const y = scaleBand<number>()
    .domain(bars.map((_, index) => index))
    .range([TOP, TOP + bars.length * ROW])
    .padding(0.25);
  const labelX = rtl ? WIDTH - 4 : 4;
  const towardEnd = rtl ? -6 : 6;
  const markX = x(passMark.value);
  return (
    <svg
      class="bar-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      direction={dir}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {x.ticks(5).map((tick) => (
        <g class="chart-tick">
          <line x1={x(tick)} x2={x(tick)} y1={TOP - 4} y2={height - BOTTOM} />
          <text x={x(tick)} y={height - 6} text-anchor="middle">
            {formatValue(tick)}
          </text>
        </g>
      ))}
      {bars.map((bar, index) => {
        const top = y(index)!;
        const middle = top + y.bandwidth() / 2;
        const end = x(bar.value ?? 0);
        return (
          <g class={bar.muted ? 'chart-row chart-muted' : 'chart-row'}>
            <text x={labelX} y={middle} dominant-baseline="central" text-anchor="start">
              {shorten(bar.label)}
            </text>
            {bar.value !== null && (
              <rect
                class="chart-bar"
                x={Math.min(x(0), end)}
                y={top}
                width={Math.max(Math.abs(end - x(0)), 1)}
                height={y.bandwidth()}
              />
            )}
            <text x={end + towardEnd} y={middle} dominant-baseline="central" text-anchor="start">
              {bar.value === null ? '–' : formatValue(bar.value)}
            </text>
          </g>
        );
      })}
      <g class="chart-mark">
        <line x1={markX} x2={markX} y1={TOP - 8} y2={height - BOTTOM} />
        <text x={markX} y={TOP - 12} text-anchor="middle">
          {passMark.label}
        </text>
      </g>
    </svg>
  );
}
