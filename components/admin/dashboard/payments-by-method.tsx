import type { DashboardMetrics } from "@/lib/admin/metrics";
import { formatCount, formatRate, METHOD_LABELS, rupees } from "./format";
import { Panel } from "./panel";

export function PaymentsByMethod({ metrics }: { metrics: DashboardMetrics }) {
  const { payments } = metrics;
  const rows = [...payments.byMethod.map((row) => ({ ...row, label: METHOD_LABELS[row.method] as string, total: false })), { ...payments, method: "all", label: "All methods", total: true, collected: metrics.money.collected }];
  return (
    <Panel id="methods" title="Payments by method" description="Success rate = succeeded (captured, including later refunded) ÷ (succeeded + failed), among attempts created in the period; attempts still authorised have no outcome yet and are left out.">
      <div className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <table className="w-full text-left text-sm tabular-nums">
          <caption className="sr-only">Payment attempts, outcomes, success rate and money collected per method</caption>
          <thead className="text-xs text-stone-500">
            <tr className="border-b border-stone-200">
              <th scope="col" className="py-2 pr-3 font-medium">Method</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Attempts</th>
              <th scope="col" className="hidden py-2 pr-3 text-right font-medium sm:table-cell">Succeeded</th>
              <th scope="col" className="hidden py-2 pr-3 text-right font-medium sm:table-cell">Failed</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Success<span className="hidden sm:inline"> rate</span></th>
              <th scope="col" className="py-2 text-right font-medium">Collected</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {rows.map((row) => (
              <tr key={row.method} className={row.total ? "border-t border-stone-300 font-semibold" : ""}>
                <th scope="row" className={`py-2 pr-3 ${row.total ? "font-semibold" : "font-normal"}`}>{row.label}</th>
                <td className="py-2 pr-3 text-right">{formatCount(row.attempts)}</td>
                <td className="hidden py-2 pr-3 text-right sm:table-cell">{formatCount(row.succeeded)}</td>
                <td className="hidden py-2 pr-3 text-right sm:table-cell">{formatCount(row.failed)}</td>
                <td className="py-2 pr-3 text-right">
                  {formatRate(row.successRate)}
                  <span className="block text-xs font-normal whitespace-nowrap text-stone-500 sm:hidden">
                    {formatCount(row.succeeded)} of {formatCount(row.succeeded + row.failed)}
                  </span>
                </td>
                <td className="py-2 text-right">{rupees(row.collected)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {payments.authorized > 0 && <p className="mt-2 text-xs text-stone-500">{formatCount(payments.authorized)} attempt(s) still authorised, counted in attempts only.</p>}
    </Panel>
  );
}
