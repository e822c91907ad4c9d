import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

/** A variant as the shop sells it: the product's name beside the variant's own price and stock. */
export interface SellableVariant {
  variantId: string;
  productId: string;
  slug: string;
  productName: string;
  image: string;
  /** The variant's name when its product has several ("250 g"); null when it is the only one. */
  variantName: string | null;
  /** How messages name it: "Assam Tea (250 g)", or the product's name alone. */
  label: string;
  price: number;
  currency: string;
  stock: number;
  /** The product's HSN code and GST rate, which an order records for the line. */
  hsnCode: string | null;
  gstRateBasisPoints: number;
}

export interface VariantChoice {
  id: string;
  name: string;
  sku: string;
  price: number;
  stock: number;
}

/** How a line is named in messages and documents: "Assam Tea (250 g)", or the product's name alone. */
export function variantLabel(productName: string, variantName: string | null): string {
  return variantName ? `${productName} (${variantName})` : productName;
}

const withProduct = { product: { select: { id: true, slug: true, name: true, image: true, currency: true, hsnCode: true, gstRateBasisPoints: true, _count: { select: { variants: true } } } } } as const;

export async function sellableVariants(variantIds: readonly string[]): Promise<Map<string, SellableVariant>> {
  const ids = variantIds.filter(isUuid);
  // Every page's header reads the cart, and most visitors' carts are empty: no query for nothing.
  if (ids.length === 0) return new Map();
  const rows = await db().productVariant.findMany({ where: { id: { in: ids } }, include: withProduct });
  return new Map(rows.map((variant) => [variant.id, sellable(variant)]));
}

function sellable({ product, ...variant }: { id: string; name: string; price: number; stock: number; product: { id: string; slug: string; name: string; image: string; currency: string; hsnCode: string | null; gstRateBasisPoints: number; _count: { variants: number } } }): SellableVariant {
  const variantName = product._count.variants > 1 ? variant.name : null;
  return {
    variantId: variant.id,
    productId: product.id,
    slug: product.slug,
    productName: product.name,
    image: product.image,
    variantName,
    label: variantLabel(product.name, variantName),
    price: variant.price,
    currency: product.currency,
    stock: variant.stock,
    hsnCode: product.hsnCode,
    gstRateBasisPoints: product.gstRateBasisPoints,
  };
}

/** A product's variants in picker order. */
export function variantsOf(productId: string): Promise<VariantChoice[]> {
  return db().productVariant.findMany({ where: { productId }, orderBy: [{ position: "asc" }, { price: "asc" }], select: { id: true, name: true, sku: true, price: true, stock: true } });
}

/**
 * Which variant a request means. `variantId` names it and must belong to the product; without it
 * the product must have exactly one variant (requests from before variants keep working), and a
 * product with several is refused with a 400 naming `field`, so nobody buys a size they never chose.
 */
export async function resolveVariant(productId: string, variantId: string | undefined, fields: { product: string; variant: string } = { product: "productId", variant: "variantId" }): Promise<string> {
  const variants = isUuid(productId) ? await db().productVariant.findMany({ where: { productId }, select: { id: true, name: true }, orderBy: { position: "asc" } }) : [];
  if (variants.length === 0) throw new AppError("not_found", "That product does not exist", { [fields.product]: "Unknown product" });
  if (variantId !== undefined) {
    if (!variants.some((variant) => variant.id === variantId)) throw new AppError("invalid_request", "That size or pack is not one of this product's", { [fields.variant]: "Unknown variant of this product" });
    return variantId;
  }
  if (variants.length > 1) {
    throw new AppError("invalid_request", `Choose one of ${variants.map((variant) => variant.name).join(", ")}`, { [fields.variant]: "Required: this product comes in several sizes or packs" });
  }
  return variants[0].id;
}

/**
 * The variant a cart line URL names: a variant id, or the id of a product with only one variant
 * (the URLs from before variants). A product with several is ambiguous: 400 naming the id.
 * Null when the id names neither.
 */
export async function variantForLineId(id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  if (await db().productVariant.findUnique({ where: { id }, select: { id: true } })) return id;
  const variants = await db().productVariant.findMany({ where: { productId: id }, select: { id: true }, take: 2 });
  if (variants.length > 1) throw new AppError("invalid_request", "That product comes in several sizes or packs: name the variant's id", { variantId: "Use the variant id for a product with several" });
  return variants[0]?.id ?? null;
}
