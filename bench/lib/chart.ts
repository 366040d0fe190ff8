/** Charts for BENCHMARKS.md: a Vega-Lite spec compiled and rendered to SVG (no browser, no canvas). */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}

/** One point of a load sweep: a server at one offered rate. */
export interface SweepPoint {
  server: string;
  offered: number;
  rate: number;
  p99: number;
}

/**
 * Answers per second and p99 latency against offered load, one line per server, side by side;
 * the p99 target drawn as a rule.
 */
export function sweepChart(points: SweepPoint[], o: { title: string; p99TargetMs: number }): TopLevelSpec {
  const x = { field: 'offered', type: 'quantitative' as const, scale: { type: 'log' as const }, title: 'offered deliveries/s' };
  const color = { field: 'server', type: 'nominal' as const, title: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: o.title,
    data: { values: points },
    hconcat: [
      {
        width: 320,
        height: 240,
        title: 'answered deliveries/s',
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'rate', type: 'quantitative', scale: { type: 'log' }, title: 'answered/s' }, color },
      },
      {
        width: 320,
        height: 240,
        title: 'p99 latency (ms)',
        layer: [
          {
            mark: { type: 'line', point: true },
            encoding: { x, y: { field: 'p99', type: 'quantitative', scale: { type: 'log' }, title: 'p99 ms' }, color },
          },
          {
            data: { values: [{ target: o.p99TargetMs }] },
            mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' },
            encoding: { y: { field: 'target', type: 'quantitative' } },
          },
        ],
      },
    ],
  };
}
