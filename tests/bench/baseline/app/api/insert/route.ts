// The least a webhook acknowledgement can do: read the body and store it with one INSERT, into a
// copy of the shop's webhook_events table (same columns and indexes) that nothing processes.
import pg from "pg";

export const dynamic = "force-dynamic";

const pool = new pg.Pool({ connectionString: process.env.BASELINE_DATABASE_URL, max: Number(process.env.BASELINE_POOL_SIZE ?? 10) });

export async function POST(request: Request): Promise<Response> {
  const body = await request.text();
  const { rowCount } = await pool.query("INSERT INTO bench_inbox (id, event, raw_body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [
    request.headers.get("x-razorpay-event-id"),
    "payment.captured",
    body,
  ]);
  return Response.json({ received: true, duplicate: rowCount === 0 });
}
