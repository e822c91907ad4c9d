import { log } from "@/lib/log";
import type { Order } from "@/lib/generated/prisma/client";
import { config, rateLimitConfig } from "@/lib/config";
import { MAX_UNPAID_ORDERS } from "@/lib/ratelimit/limits";
import { db, transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid, newAccessToken } from "@/lib/ids";
import { reserveStock } from "@/lib/inventory/stock";
import { resolveVariant, sellableVariants } from "@/lib/inventory/variants";
import { adoptGatewayOrder } from "@/lib/payments/apply";
import { createGatewayOrder, findGatewayOrderByReceipt, GatewayError } from "@/lib/razorpay/client";
import { money } from "@/lib/money";
import { audit } from "./audit";
import type { CheckoutInput } from "./checkout-input";
import { cancelCartOrders, lockCart, unitsHeldForCart } from "./cancel";
import { attachOrder, claimKey, completeKey, fingerprint, KeyTakenOver, releaseKeySoon, startHeartbeat, type HeldKey, type StoredResponse } from "./idempotency";
import { lockOrder } from "./lock";
import { orderTotals } from "./totals";
import { orderLinks } from "./links";
import { orderTaxColumns, recordOrderTax } from "@/lib/tax/record";

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

/** A line of the order: one variant (size or pack) of a product. */
interface Line {
  variantId: string;
  quantity: number;
}

/**
 * Places an order in three recorded phases, so a retry with the same Idempotency-Key resumes
 * instead of repeating work: (1) one transaction reserves stock, writes the order and attaches it
 * to the key (only if the key is still ours and has none), (2) the Razorpay order is created
 * outside any transaction, receipt = our order id, (3) its id and the response are recorded. A
 * crash between (2) and (3) is healed by the retry finding the Razorpay order by its receipt, so
 * no retry ever creates a second one. A new checkout for a cart cancels the cart's earlier unpaid
 * order in the same transaction that reserves the new one.
 */
export async function checkout(request: CheckoutRequest): Promise<StoredResponse> {
  const lines = await requestedLines(request);
  const scope = isUuid(request.cartId) ? `cart:${request.cartId}` : `customer:${request.input.customer.email}`;
  // The content hash covers what the order will contain, whether the items came in the body or
  // from the cart; the details hash covers who receives it, which may change while it is unpaid.
  const { customer, shippingAddress } = request.input;
  const hashes = { content: fingerprint({ items: lines }), details: fingerprint({ customer, shippingAddress }) };
  const claim = await claimKey(scope, request.idempotencyKey, hashes, (tx, orderId) => amendOrderDetails(tx, orderId, request.input));
  if (claim.kind === "replay") return claim.response;
  const heartbeat = startHeartbeat(claim);
  try {
    const resuming = claim.orderId !== null;
    const order = resuming ? await db().order.findUniqueOrThrow({ where: { id: claim.orderId! } }) : await placeOrder(claim, request, lines);
    if (heartbeat.lost()) throw new KeyTakenOver();
    const response = await ensureGatewayOrder(order, resuming);
    const orderId = order.id;
    log.info("checkout_order_placed", { orderId, razorpayOrderId: response.razorpayOrderId, amount: response.amount, currency: response.currency, resumed: resuming });
    const body = JSON.stringify(response);
    heartbeat.stop();
    await completeKey(claim, { status: 201, body });
    return { status: 201, body, replayed: false };
  } catch (error) {
    heartbeat.stop();
    // Another request holds the key now and finishes the key's one order; this one made nothing.
    if (error instanceof KeyTakenOver) throw new AppError("idempotency_key_in_use", "A request with this Idempotency-Key is still being processed; retry in a moment");
    await releaseKeySoon(claim);
    throw error;
  }
}

/** While the order is unpaid, the same items with corrected contact details or address update it in place. */
async function amendOrderDetails(tx: Tx, orderId: string, { customer, shippingAddress: address }: CheckoutInput): Promise<boolean> {
  const order = await lockOrder(tx, orderId);
  if (order.status !== "pending") return false;
  const changes = {
    customerName: customer.name,
    email: customer.email,
    phone: customer.phone,
    addressLine1: address.line1,
    addressLine2: address.line2 ?? null,
    city: address.city,
    state: address.state,
    postalCode: address.postalCode,
    country: address.country,
  };
  const changed = Object.entries(changes).filter(([field, value]) => order[field as keyof typeof changes] !== value).map(([field]) => field);
  if (changed.length === 0) return true;
  await tx.order.update({ where: { id: orderId }, data: changes });
  // Another delivery state can turn CGST+SGST into IGST or back.
  if (changed.includes("state") || changed.includes("country")) await recordOrderTax(tx, orderId);
  await audit(tx, orderId, { actor: "checkout" }, { action: "order.details_updated", reason: `changed before payment: ${changed.join(", ")}` });
  return true;
}

function cartLines(client: Tx | ReturnType<typeof db>, cartId: string): Promise<Line[]> {
  return client.cartItem.findMany({ where: { cartId }, select: { variantId: true, quantity: true }, orderBy: { variantId: "asc" } });
}

function sameLines(a: Line[], b: Line[]): boolean {
  return a.length === b.length && a.every((line, index) => line.variantId === b[index].variantId && line.quantity === b[index].quantity);
}

/** The items of the body (each resolved to its variant) or else the cart's lines. */
async function requestedLines({ input, cartId }: CheckoutRequest): Promise<Line[]> {
  if (input.items) {
    const lines = await Promise.all(
      input.items.map(async ({ productId, variantId, quantity }, index) => ({
        variantId: await resolveVariant(productId, variantId, { product: `items.${index}.productId`, variant: `items.${index}.variantId` }),
        quantity,
      })),
    );
    const repeated = lines.findIndex((line, index) => lines.findIndex((other) => other.variantId === line.variantId) !== index);
    if (repeated >= 0) throw new AppError("invalid_request", "List each product or variant once", { [`items.${repeated}.variantId`]: "Already listed" });
    return lines;
  }
  const lines = isUuid(cartId) ? await cartLines(db(), cartId) : [];
  if (lines.length === 0) throw new AppError("cart_empty", "Your cart is empty: add something before checking out");
  return lines;
}

/** Phase 1: prices from the database (each variant's own, never the client's), stock reserved, order written and attached to the key. */
async function placeOrder(held: HeldKey, { input, cartId, idempotencyKey }: CheckoutRequest, lines: Line[]): Promise<Order> {
  const variants = await sellableVariants(lines.map((line) => line.variantId));
  const ours = await unitsHeldForCart(cartId);
  const priced = lines.map((line, index) => {
    const variant = variants.get(line.variantId);
    if (!variant) throw new AppError("invalid_request", "An item in your order no longer exists", { [`items.${index}.variantId`]: "Unknown variant" });
    const available = variant.stock + (ours.get(line.variantId) ?? 0);
    const { label } = variant;
    if (available < line.quantity) {
      throw new AppError("out_of_stock", available === 0 ? `${label} is sold out` : `Only ${available} of ${label} left`, { [`items.${index}.quantity`]: `Only ${available} left` });
    }
    return { ...line, productId: variant.productId, name: variant.productName, variantName: variant.variantName, unitPrice: variant.price, currency: variant.currency, hsnCode: variant.hsnCode, rateBasisPoints: variant.gstRateBasisPoints };
  });
  const currency = priced[0].currency;
  if (priced.some((line) => line.currency !== currency)) throw new AppError("invalid_request", "All items in one order must be priced in the same currency");
  const totals = orderTotals(priced, currency);
  const { customer, shippingAddress: address } = input;
  const tax = orderTaxColumns({ ...address, shipping: totals.shipping.amount }, priced.map((line) => ({ ...line, amount: line.unitPrice * line.quantity })));

  return transaction(async (tx) => {
    if (isUuid(cartId)) {
      await lockCart(tx, cartId);
      // Under the cart's lock, the cart is what was priced: a change in between would leave an order nobody asked for.
      if (!input.items && !sameLines(lines, await cartLines(tx, cartId))) {
        throw new AppError("idempotency_key_reused", "Your cart changed while the order was being placed: check it, then try again");
      }
      await cancelCartOrders(tx, cartId, "a new checkout was started for this cart");
    }
    await refuseBeyondUnpaidCap(tx, customer.email);
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
        ...tax.order,
        items: {
          create: priced.map((line, index) => ({ productId: line.productId, variantId: line.variantId, name: line.name, variantName: line.variantName, unitPrice: line.unitPrice, quantity: line.quantity, lineTotal: line.unitPrice * line.quantity, ...tax.lines[index] })),
        },
      },
    });
    await attachOrder(tx, held, order.id);
    if (isUuid(cartId)) await tx.cart.updateMany({ where: { id: cartId }, data: { checkoutKey: idempotencyKey } });
    await audit(tx, order.id, { actor: "checkout" }, { action: "order.created", toState: "pending", reason: `${lines.length} line(s), stock reserved` });
    // Last: a sale's shoppers all want the same few variants, and their rows stay locked from here
    // until commit, so each checkout holds them for this statement and the commit only. Refused
    // (out of stock), it rolls everything above back.
    await reserveStock(tx, lines);
    return order;
  });
}

/**
 * Issue 8: one email holds at most MAX_UNPAID_ORDERS unpaid orders at once (a cart holds one:
 * a new checkout cancels its earlier order), so nobody holds a product's whole stock in orders
 * they never pay. A transaction lock on the email makes parallel checkouts count one by one.
 * The load-test multiplier (RATE_LIMIT_MULTIPLIER, refused with live keys) scales it like the limits.
 */
async function refuseBeyondUnpaidCap(tx: Tx, email: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`unpaid-orders:${email}`}))`;
  const unpaid = await tx.order.count({ where: { email, status: "pending", expiresAt: { gt: new Date() } } });
  if (unpaid >= MAX_UNPAID_ORDERS * rateLimitConfig().multiplier) {
    throw new AppError("too_many_unpaid_orders", `You already have ${unpaid} unpaid orders: pay for one, or wait for them to expire (${config().orderTtlMinutes} minutes after they were placed), before placing another.`);
  }
}

/**
 * Phases 2 and 3: the Razorpay order. Only a request resuming an order an earlier attempt made
 * looks it up by receipt first (that attempt may have created it and died); a new order has none.
 * A new order is taken as placed, not read again: a cart change that cancels it in between is the
 * same as one a moment after the 201 (the cancelled order can still be paid: its stock is taken
 * again, or the payment refunded).
 */
async function ensureGatewayOrder(placed: Order, resuming: boolean): Promise<CheckoutResponse> {
  let order = placed;
  if (!order.razorpayOrderId) {
    if (order.status !== "pending") {
      throw new AppError("idempotency_key_reused", `Order #${order.number} was ${order.status} before it could be paid: start a new checkout`);
    }
    let recorded: string | null;
    try {
      const gatewayOrder =
        (resuming ? await findGatewayOrderByReceipt(order.id) : null) ??
        (await createGatewayOrder({ amount: money(order.total, order.currency), receipt: order.id, notes: { orderId: order.id, orderNumber: String(order.number) } }));
      recorded = (await adoptGatewayOrder(order.id, gatewayOrder.id, { actor: "checkout" })) ? gatewayOrder.id : null;
    } catch (error) {
      if (error instanceof GatewayError) {
        throw new AppError(error.kind === "unavailable" ? "gateway_unavailable" : "gateway_rejected", "The payment provider could not be reached. Your items are reserved: please try again in a moment.");
      }
      throw error;
    }
    // adoptGatewayOrder answers only once this gateway order is the one recorded (nothing else changed);
    // if another request recorded a different one, that is read back.
    order = recorded ? { ...order, razorpayOrderId: recorded } : await db().order.findUniqueOrThrow({ where: { id: order.id } });
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
