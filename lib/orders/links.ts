/** The order page and its status endpoint, both carrying the order's access token. */
export function orderLinks(order: { id: string; accessToken: string }): { statusUrl: string; orderUrl: string } {
  const token = encodeURIComponent(order.accessToken);
  return {
    statusUrl: `/api/orders/${order.id}/status?token=${token}`,
    orderUrl: `/orders/${order.id}?token=${token}`,
  };
}
