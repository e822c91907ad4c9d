// What Razorpay (the sandbox) knows, read through its REST API as a merchant would read it:
// every order, its payments, and the refunds of every captured payment.

export interface RzpPayment {
  id: string;
  order_id: string;
  amount: number;
  currency: string;
  status: string;
  captured: boolean;
  amount_refunded: number;
}

export interface RzpRefund {
  id: string;
  payment_id: string;
  amount: number;
  status: string;
}

export interface RzpOrder {
  id: string;
  receipt: string | null;
  amount: number;
  currency: string;
  status: string;
  payments: RzpPayment[];
  /** Refunds by payment id (captured payments only). */
  refunds: Map<string, RzpRefund[]>;
}

export async function readRazorpayState(sandboxUrl: string, keys: { keyId: string; keySecret: string }): Promise<RzpOrder[]> {
  const authorization = `Basic ${Buffer.from(`${keys.keyId}:${keys.keySecret}`).toString("base64")}`;
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(sandboxUrl + path, { headers: { authorization }, signal: AbortSignal.timeout(15_000) });
    if (!response.ok) throw new Error(`GET ${path} at the sandbox answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  const orders: RzpOrder[] = [];
  for (let skip = 0; ; skip += 100) {
    const page = await get<{ items: Omit<RzpOrder, "payments" | "refunds">[] }>(`/v1/orders?count=100&skip=${skip}`);
    for (const order of page.items) orders.push({ ...order, payments: [], refunds: new Map() });
    if (page.items.length < 100) break;
  }
  await inParallel(orders, 8, async (order) => {
    order.payments = (await get<{ items: RzpPayment[] }>(`/v1/orders/${order.id}/payments`)).items;
    for (const payment of order.payments.filter((payment) => payment.captured)) {
      order.refunds.set(payment.id, (await get<{ items: RzpRefund[] }>(`/v1/payments/${payment.id}/refunds`)).items);
    }
  });
  return orders;
}

async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
