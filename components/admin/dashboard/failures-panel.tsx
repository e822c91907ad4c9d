import { FAILURE_SOURCE_GROUPS, type DashboardMetrics, type FailureGroup } from "@/lib/admin/metrics";
import { formatCount } from "./format";
import { Panel } from "./panel";

const GROUP_LABELS: Record<FailureGroup, { label: string; hint: string }> = {
  customer: { label: "Customer", hint: "cancelled, wrong OTP or PIN, not enough balance" },
  bank: { label: "Bank", hint: "issuing bank, UPI app, card network or gateway" },
  business: { label: "Business", hint: "our integration or Razorpay account" },
  other: { label: "Other", hint: "Razorpay internal, or no source given" },
};

/** Failed attempts grouped the way Razorpay's `error_source` groups them, with the commonest `error_reason`s. */
export function FailuresPanel({ metrics }: { metrics: DashboardMetrics }) {
  const { failures } = metrics;
  const widest = Math.max(1, ...failures.bySource.map((row) => row.count));
  return (
    <Panel
      id="failures"
      title={`Failures (${formatCount(failures.total)})`}
      description={`Grouped by Razorpay's error_source: customer = ${FAILURE_SOURCE_GROUPS.customer.join(", ")}; bank = ${FAILURE_SOURCE_GROUPS.bank.join(", ")}; business = ${FAILURE_SOURCE_GROUPS.business.join(", ")}.`}
    >
      <ul className="space-y-2.5">
        {failures.bySource.map((row) => (
          <li key={row.group}>
            <div className="flex items-baseline justify-between gap-3 text-sm">
              <span>
                <span className="font-medium text-stone-900">{GROUP_LABELS[row.group].label}</span>{" "}
                <span className="text-xs text-stone-500">{GROUP_LABELS[row.group].hint}</span>
              </span>
              <span className="tabular-nums">{formatCount(row.count)}</span>
            </div>
            <div aria-hidden="true" className="mt-1 h-1.5 rounded-full bg-stone-100">
              <div className="h-1.5 rounded-full bg-red-400" style={{ width: `${(row.count / widest) * 100}%` }} />
            </div>
          </li>
        ))}
      </ul>
      <h3 className="mt-5 text-sm font-semibold">Top error reasons</h3>
      {failures.topReasons.length === 0 ? (
        <p className="mt-1 text-sm text-stone-500">No failed payments in this period.</p>
      ) : (
        <ol className="mt-1 divide-y divide-stone-100 text-sm">
          {failures.topReasons.map((row) => (
            <li key={row.reason} className="flex justify-between gap-3 py-1.5">
              <code className="truncate font-mono text-xs text-stone-700">{row.reason}</code>
              <span className="tabular-nums">{formatCount(row.count)}</span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
