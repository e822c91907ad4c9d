import { config } from "@/lib/config";
import { db, transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid, newAccessToken } from "@/lib/ids";
import { reserveStock } from "@/lib/inventory/stock";
import { adoptGatewayOrder } from "@/lib/payments/apply";
import { createGatewayOrder, findGatewayOrderByReceipt, GatewayError } from "@/lib/razorpay/client";
import { money } from "@/lib/money";
import { audit } from "./audit";
import type { CheckoutInput } from "./checkout-input";
import { claimKey, completeKey, fingerprint, releaseKey, type StoredResponse } from "./idempotency";
import { orderTotals } from "./totals";
import { orderLinks } from "./links";

export interface CheckoutRequest {
  idempotencyKey: string;
  /** The shopper's cart cookie, if any: the default items and the scope of the key. */
  cartId: string | undefined;
  input: CheckoutInput;
}

export interface CheckoutResponse {
  orderId: string;
  orderNumber: number;
  razorpayOrderId: string;
  amount: number;
  currency: string;
  keyId: string;
  statusUrl: string;
  orderUrl: string;
}

interface Line {
  productId: string;
  quantity: number;
}

/**
 * Places an order in three recorded phases, so a retry with the same Idempotency-Key resumes
 * instead of repeating work: (1) one transaction reserves stock and writes the order, (2) the
 * Razorpay order is created outside any transaction, receipt = our order id, (3) its id and the
 * response are recorded. A crash between (2) and (3) is healed by finding the Razorpay order by
 * its receipt, so no retry ever creates a second one.
 */
export async function checkout(request: CheckoutRequest): Promise<StoredResponse> {
  const lines = await requestedLines(request);
  const scope = isUuid(request.cartId) ? `cart:${request.cartId}` : `customer:${request.input.customer.email}`;
  // The fingerprint covers what the order will contain, whether the items came in the body or from the cart.
  const claim = await claimKey(scope, request.idempotencyKey, fingerprint({ ...request.input, items: lines }));
  if (claim.kind === "replay") return claim.response;
  try {
    const orderId = claim.orderId ?? (await placeOrder(claim.keyId, request, lines));
    const response = await ensureGatewayOrder(orderId);
    const body = JSON.stringify(response);
    await completeKey(claim.keyId, { status: 201, body });
    return { status: 201, body, replayed: false };
  } catch (error) {
    await releaseKey(claim.keyId);
    throw error;
  }
}

async function requestedLines({ input, cartId }: CheckoutRequest): Promise<Line[]> {
  const lines = input.items ?? (isUuid(cartId) ? await db().cartItem.findMany({ where: { cartId }, select: { productId: true, quantity: true }, orderBy: { productId: "asc" } }) : []);
  if (lines.length === 0) throw new AppError("cart_empty", "Your cart is empty: add something before checking out");
  return lines.map(({ productId, quantity }) => ({ productId, quantity }));
}

/** Phase 1: prices from the database (never from the client), stock reserved, order written. */
async function placeOrder(keyId: string, { input, cartId }: CheckoutRequest, lines: Line[]): Promise<string> {
  const products = await db().product.findMany({ where: { id: { in: lines.map((line) => line.productId) } } });
  const byId = new Map(products.map((product) => [product.id, product]));
  const priced = lines.map((line, index) => {
    const product = byId.get(line.productId);
    if (!product) throw new AppError("invalid_request", "An item in your order no longer exists", { [`items.${index}.productId`]: "Unknown product" });
    if (product.stock < line.quantity) {
      throw new AppError("out_of_stock", product.stock === 0 ? `${product.name} is sold out` : `Only ${product.stock} of ${product.name} left`, { [`items.${index}.quantity`]: `Only ${product.stock} left` });
    }
    return { ...line, name: product.name, unitPrice: product.price, currency: product.currency };
  });
  const currency = priced[0].currency;
  if (priced.some((line) => line.currency !== currency)) throw new AppError("invalid_request", "All items in one order must be priced in the same currency");
  const totals = orderTotals(priced, currency);
  const { customer, shippingAddress: address } = input;

  return transaction(async (tx) => {
    await reserveStock(tx, lines);
    const order = await tx.order.create({
      data: {
        accessToken: newAccessToken(),
        currency,
        subtotal: totals.subtotal.amount,
        shipping: totals.shipping.amount,
        total: totals.total.amount,
        customerName: customer.name,
        email: customer.email,
        phone: customer.phone,
        addressLine1: address.line1,
        addressLine2: address.line2,
        city: address.city,
        state: address.state,
        postalCode: address.postalCode,
        country: address.country,
        expiresAt: new Date(Date.now() + config().orderTtlMinutes * 60_000),
        cartId: isUuid(cartId) ? cartId : null,
        items: { create: priced.map((line) => ({ productId: line.productId, name: line.name, unitPrice: line.unitPrice, quantity: line.quantity, lineTotal: line.unitPrice * line.quantity })) },
      },
    });
    await tx.idempotencyKey.update({ where: { id: keyId }, data: { orderId: order.id } });
    await audit(tx, order.id, { actor: "checkout" }, { action: "order.created", toState: "pending", reason: `${lines.length} line(s), stock reserved` });
    return order.id;
  });
}

/** Phases 2 and 3: the Razorpay order, found by receipt if an earlier attempt already made it. */
async function ensureGatewayOrder(orderId: string): Promise<CheckoutResponse> {
  let order = await db().order.findUniqueOrThrow({ where: { id: orderId } });
  if (!order.razorpayOrderId) {
    try {
      const gatewayOrder =
        (await findGatewayOrderByReceipt(order.id)) ??
        (await createGatewayOrder({ amount: money(order.total, order.currency), receipt: order.id, notes: { orderId: order.id, orderNumber: String(order.number) } }));
      await adoptGatewayOrder(order.id, gatewayOrder.id, { actor: "checkout" });
    } catch (error) {
      if (error instanceof GatewayError) {
        throw new AppError(error.kind === "unavailable" ? "gateway_unavailable" : "gateway_rejected", "The payment provider could not be reached. Your items are reserved: please try again in a moment.");
      }
      throw error;
    }
    order = await db().order.findUniqueOrThrow({ where: { id: orderId } });
  }
  return {
    orderId: order.id,
    orderNumber: order.number,
    razorpayOrderId: order.razorpayOrderId!,
    amount: order.total,
    currency: order.currency,
    keyId: config().razorpay.keyId,
    ...orderLinks(order),
  };
}
