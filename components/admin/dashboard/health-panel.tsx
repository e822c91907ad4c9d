import type { Health, HealthStatus, RuleResult } from "@/lib/admin/health";
import { formatCount, formatDuration } from "./format";
import { Panel } from "./panel";

const verdictStyle: Record<HealthStatus, { label: string; badge: string; dot: string }> = {
  healthy: { label: "Healthy", badge: "bg-brand-100 text-brand-900", dot: "bg-brand-600" },
  degraded: { label: "Degraded", badge: "bg-amber-100 text-amber-900", dot: "bg-amber-500" },
  unhealthy: { label: "Unhealthy", badge: "bg-red-100 text-red-900", dot: "bg-red-600" },
};

function reading(rule: Pick<RuleResult, "unit">, value: number | null): string {
  if (value === null) return rule.unit === "percent" ? "too few attempts" : "none";
  if (rule.unit === "percent") return `${Number(value.toFixed(1))}%`;
  if (rule.unit === "seconds") return formatDuration(value * 1_000);
  return formatCount(value);
}

export function StatusBadge({ status }: { status: HealthStatus }) {
  const style = verdictStyle[status];
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold ${style.badge}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${style.dot}`} />
      {style.label}
    </span>
  );
}

/** The verdict, and every rule behind it with its reading and thresholds, so nobody has to guess why. */
export function HealthPanel({ health }: { health: Health }) {
  return (
    <Panel
      id="health"
      title="Health right now"
      description="Judged on the last 15 minutes and the backlog at this moment, whatever period is chosen below. The worst rule decides."
    >
      <p className="flex items-center gap-3">
        <span className="text-sm text-stone-600">Verdict</span>
        <span className={`rounded-full px-3 py-1 text-sm font-semibold ${verdictStyle[health.verdict].badge}`}>{verdictStyle[health.verdict].label}</span>
      </p>
      <ul className="mt-3 divide-y divide-stone-100 text-sm sm:hidden">
        {health.rules.map((rule) => (
          <li key={rule.id} className="py-2.5">
            <div className="flex items-start justify-between gap-3">
              <span className="font-medium text-stone-900">{rule.label}</span>
              <StatusBadge status={rule.status} />
            </div>
            <p className="mt-1 tabular-nums text-stone-700">
              Now {reading(rule, rule.value)} · degraded at ≥ {reading(rule, rule.degradedAt)} · unhealthy at ≥ {reading(rule, rule.unhealthyAt)}
            </p>
            <p className="mt-0.5 text-xs text-stone-500">{rule.why}</p>
          </li>
        ))}
      </ul>
      <div className="mt-3 hidden sm:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Health rules, their readings and thresholds</caption>
          <thead className="text-xs text-stone-500">
            <tr className="border-b border-stone-200">
              <th scope="col" className="py-2 pr-3 font-medium">Rule</th>
              <th scope="col" className="py-2 pr-3 font-medium">Now</th>
              <th scope="col" className="py-2 pr-3 font-medium">Degraded at</th>
              <th scope="col" className="py-2 pr-3 font-medium">Unhealthy at</th>
              <th scope="col" className="py-2 font-medium">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {health.rules.map((rule) => (
              <tr key={rule.id} className="align-top">
                <th scope="row" className="py-2 pr-3 font-normal">
                  <span className="font-medium text-stone-900">{rule.label}</span>
                  <span className="mt-0.5 block text-xs text-stone-500">{rule.why}</span>
                </th>
                <td className="py-2 pr-3 tabular-nums">{reading(rule, rule.value)}</td>
                <td className="py-2 pr-3 tabular-nums">≥ {reading(rule, rule.degradedAt)}</td>
                <td className="py-2 pr-3 tabular-nums">≥ {reading(rule, rule.unhealthyAt)}</td>
                <td className="py-2">
                  <StatusBadge status={rule.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
