import type { Metadata } from "next";
import { OrderFilters } from "@/components/admin/order-filters";
import { OrdersTable, Pagination } from "@/components/admin/orders-table";
import { ErrorNotice } from "@/components/ui/error-notice";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { filterInputFromParams, queryString } from "@/lib/admin/order-filter";
import { listOrders, parseOrderFilter } from "@/lib/admin/orders";
import { requireAdmin } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { formatMoney, money } from "@/lib/money";

export const metadata: Metadata = { title: "Orders" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every order, filtered, searched and sorted on the server; the filter lives in the URL. */
export default async function AdminOrdersPage({ searchParams }: Props) {
  await requireAdmin();
  const params = await searchParams;
  let parsed: ReturnType<typeof parseOrderFilter>;
  try {
    parsed = parseOrderFilter(params);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <div className="space-y-4">
        <h1 className="font-display text-2xl font-semibold sm:text-3xl">Orders</h1>
        <ErrorNotice title="This filter cannot be used">{error.message}</ErrorNotice>
        <OrderFilters input={filterInputFromParams(params)} />
      </div>
    );
  }
  const { filter, input } = parsed;
  const page = await listOrders(filter);
  const exportQuery = queryString(input, { page: undefined, pageSize: undefined });

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="font-display text-2xl font-semibold sm:text-3xl">Orders</h1>
          <p className="mt-1 text-sm text-stone-600" data-testid="orders-summary">
            <span className="font-semibold text-stone-900 tabular-nums">{page.count.toLocaleString("en-IN")}</span> {page.count === 1 ? "order" : "orders"} ·{" "}
            <span className="font-semibold text-stone-900 tabular-nums">{formatMoney(money(page.total, page.currency))}</span> in order totals
          </p>
        </div>
        <a href={`/admin/orders/export${exportQuery ? `?${exportQuery}` : ""}`} className={buttonStyles.secondary} download>
          Export CSV
        </a>
      </div>
      <div className={`${cardStyles} p-4 sm:p-5`}>
        <OrderFilters input={input} />
      </div>
      <div className={`${cardStyles} p-2 sm:p-3`}>
        <OrdersTable orders={page.orders} sort={filter.sort} input={input} />
      </div>
      <Pagination page={page.page} pages={page.pages} input={input} />
    </div>
  );
}
