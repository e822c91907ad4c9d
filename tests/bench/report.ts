// The benchmark's table, as printed and as written to tests/bench/RESULTS.md.

export interface Side {
  /** Requests (or transactions) per second. */
  rate: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

export interface Row {
  path: string;
  figure: string;
  baselineName: string;
  baseline: string;
  ratio: string;
  target: string;
  pass: boolean;
}

export interface RunInfo {
  date: string;
  mode: "quick" | "full";
  rounds: number;
  seconds: number;
  load: { min: number; median: number; max: number };
  poolSize: string;
  notes: string[];
}

const ms = (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms` : "");

export function formatSide(side: Side): string {
  const latency = [Number.isFinite(side.p50) ? `p50 ${ms(side.p50)}` : "", Number.isFinite(side.p99) ? `p99 ${ms(side.p99)}` : ""].filter(Boolean).join(", ");
  return `${side.rate.toFixed(side.rate < 10 ? 1 : 0)}/s${latency ? ` (${latency})` : ""}`;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${(bytes / 1000).toFixed(0)} kB`;
}

export function renderTable(rows: Row[], info: RunInfo): string {
  const lines = [
    `Measured ${info.date} (${info.mode} mode: medians of ${info.rounds} interleaved round${info.rounds > 1 ? "s" : ""}, ${info.seconds} s per measurement; DATABASE_POOL_SIZE ${info.poolSize}), load average (1 min) ${info.load.min.toFixed(1)}–${info.load.max.toFixed(1)}, median ${info.load.median.toFixed(1)}.`,
    "",
    "| path | figure | baseline in the same run | ratio | target | result |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row.path} | ${row.figure} | ${row.baseline === "—" ? "—" : `${row.baselineName}: ${row.baseline}`} | ${row.ratio} | ${row.target} | ${row.pass ? "pass" : "**miss**"} |`),
  ];
  if (info.notes.length) lines.push("", ...info.notes.map((note) => `- ${note}`));
  return `${lines.join("\n")}\n`;
}
