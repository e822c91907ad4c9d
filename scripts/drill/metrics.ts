// What shoppers (and Razorpay's webhook sender) saw: responses by status per route, worst latency.

/** An HTTP status, or what a client saw instead of one. */
export type Seen = number | "ERR" | "timeout" | "dropped" | "network_error";

export interface RouteStats {
  counts: Map<string, number>;
  worstMs: number;
}

export class Metrics {
  private readonly routes = new Map<string, RouteStats>();

  /** `ms` undefined: the latency is not known to us (e.g. webhook deliveries). */
  record(route: string, seen: Seen, ms?: number): void {
    let stats = this.routes.get(route);
    if (!stats) {
      stats = { counts: new Map(), worstMs: -1 };
      this.routes.set(route, stats);
    }
    const key = String(seen);
    stats.counts.set(key, (stats.counts.get(key) ?? 0) + 1);
    if (ms !== undefined) stats.worstMs = Math.max(stats.worstMs, ms);
  }

  entries(): [string, RouteStats][] {
    return [...this.routes.entries()];
  }

  count(route: string, seen: string): number {
    return this.routes.get(route)?.counts.get(seen) ?? 0;
  }
}

/** Renders rows as a fixed-width text table. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ");
  return [line(cells[0]), widths.map((width) => "-".repeat(width)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function metricsTable(metrics: Metrics): string {
  const entries = metrics.entries();
  const codes = [...new Set(entries.flatMap(([, stats]) => [...stats.counts.keys()]))].sort((a, b) => {
    const [x, y] = [Number(a), Number(b)];
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? a.localeCompare(b) : 1) : -1;
    return x - y;
  });
  const rows = entries.map(([route, stats]) => [route, ...codes.map((code) => stats.counts.get(code) ?? "·"), stats.worstMs < 0 ? "n/a" : Math.round(stats.worstMs)]);
  return table(["route", ...codes, "worst ms"], rows);
}
