import type { DashboardMetrics } from "@/lib/admin/metrics";
import { bucketLabel, formatCount, rupees } from "./format";
import { Panel } from "./panel";

const WIDTH = 640;
const HEIGHT = 220;
const PLOT = { top: 12, right: 8, bottom: 28, left: 36 };
const MAX_X_LABELS = 8;

const GRID_LINES = 4;

/** The axis maximum: four whole, round steps (1, 2 or 5 × 10ⁿ each) reaching the tallest bar. */
function axisTop(tallest: number): number {
  const rough = Math.max(1, tallest / GRID_LINES);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  return step * GRID_LINES;
}

/**
 * Payment attempts per hour or day, drawn on the server as SVG (no chart library: stacked bars
 * and four grid lines are less code than configuring one). Screen readers get a summary and the
 * same numbers as a table.
 */
export function VolumeChart({ metrics }: { metrics: DashboardMetrics }) {
  const { volume, period } = metrics;
  const bucket = period.bucket;
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const top = axisTop(Math.max(0, ...volume.map((b) => b.attempts)));
  const slot = plotWidth / Math.max(volume.length, 1);
  const barWidth = Math.max(1, slot * 0.72);
  const y = (value: number) => PLOT.top + plotHeight - (value / top) * plotHeight;
  const labelEvery = Math.ceil(volume.length / MAX_X_LABELS);
  const busiest = volume.reduce<(typeof volume)[number] | null>((best, b) => (best === null || b.attempts > best.attempts ? b : best), null);
  const totals = volume.reduce((sum, b) => ({ attempts: sum.attempts + b.attempts, succeeded: sum.succeeded + b.succeeded, failed: sum.failed + b.failed }), { attempts: 0, succeeded: 0, failed: 0 });
  const summary =
    `${formatCount(totals.attempts)} payment attempts, ${formatCount(totals.succeeded)} succeeded and ${formatCount(totals.failed)} failed, in ${volume.length} ${bucket === "hour" ? "hourly" : "daily"} bars.` +
    (busiest && busiest.attempts > 0 ? ` Busiest ${bucket}: ${bucketLabel(busiest.start, bucket, true)} with ${formatCount(busiest.attempts)}.` : "");

  return (
    <Panel id="volume" title={`Payment attempts per ${bucket}`} description={`Bars stack succeeded, failed and still-authorised attempts; ${bucket}s in IST.`}>
      <div className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="volume-title volume-desc" className="h-auto w-full min-w-[36rem]">
          <title id="volume-title">{`Payment attempts per ${bucket}`}</title>
          <desc id="volume-desc">{summary}</desc>
          {Array.from({ length: GRID_LINES + 1 }, (_, line) => line / GRID_LINES).map((fraction) => (
            <g key={fraction}>
              <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(top * fraction)} y2={y(top * fraction)} className="stroke-stone-200" strokeWidth={1} />
              <text x={PLOT.left - 6} y={y(top * fraction) + 4} textAnchor="end" className="fill-stone-500 text-[11px] tabular-nums">
                {formatCount(Math.round(top * fraction))}
              </text>
            </g>
          ))}
          {volume.map((b, index) => {
            const x = PLOT.left + index * slot + (slot - barWidth) / 2;
            const pending = b.attempts - b.succeeded - b.failed;
            const segments = [
              { value: b.succeeded, className: "fill-brand-600" },
              { value: b.failed, className: "fill-red-400" },
              { value: pending, className: "fill-sky-300" },
            ];
            let base = 0;
            return (
              <g key={b.start}>
                <title>{`${bucketLabel(b.start, bucket, true)}: ${b.attempts} attempts, ${b.succeeded} succeeded, ${b.failed} failed, ${rupees(b.collected)} collected`}</title>
                {segments.map((segment, s) => {
                  const rect = segment.value > 0 ? <rect key={s} x={x} width={barWidth} y={y(base + segment.value)} height={y(base) - y(base + segment.value)} className={segment.className} /> : null;
                  base += segment.value;
                  return rect;
                })}
                {index % labelEvery === 0 && (
                  <text x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle" className="fill-stone-500 text-[11px]">
                    {bucketLabel(b.start, bucket)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600" aria-hidden="true">
        <li className="flex items-center gap-1.5"><span className="size-2.5 rounded-sm bg-brand-600" />Succeeded</li>
        <li className="flex items-center gap-1.5"><span className="size-2.5 rounded-sm bg-red-400" />Failed</li>
        <li className="flex items-center gap-1.5"><span className="size-2.5 rounded-sm bg-sky-300" />Authorised, no outcome yet</li>
      </ul>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-brand-800">Show as a table</summary>
        <div className="mt-2 max-h-80 overflow-auto">
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">Payment attempts and money collected per {bucket}</caption>
            <thead className="sticky top-0 bg-white text-xs text-stone-500">
              <tr>
                <th scope="col" className="py-1.5 pr-3 font-medium">{bucket === "hour" ? "Hour" : "Day"}</th>
                <th scope="col" className="py-1.5 pr-3 text-right font-medium">Attempts</th>
                <th scope="col" className="py-1.5 pr-3 text-right font-medium">Succeeded</th>
                <th scope="col" className="py-1.5 pr-3 text-right font-medium">Failed</th>
                <th scope="col" className="py-1.5 text-right font-medium">Collected</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {volume.map((b) => (
                <tr key={b.start}>
                  <th scope="row" className="py-1.5 pr-3 font-normal">{bucketLabel(b.start, bucket, true)}</th>
                  <td className="py-1.5 pr-3 text-right">{formatCount(b.attempts)}</td>
                  <td className="py-1.5 pr-3 text-right">{formatCount(b.succeeded)}</td>
                  <td className="py-1.5 pr-3 text-right">{formatCount(b.failed)}</td>
                  <td className="py-1.5 text-right">{rupees(b.collected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </Panel>
  );
}
