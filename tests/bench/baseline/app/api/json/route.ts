// The least a Next route handler can do: the ceiling any page of the shop is compared with.
export const dynamic = "force-dynamic";

const BODY = JSON.stringify({ ok: true, shop: "Chai & Chaat Co.", items: [1, 2, 3] });

export function GET(): Response {
  return new Response(BODY, { headers: { "content-type": "application/json" } });
}
