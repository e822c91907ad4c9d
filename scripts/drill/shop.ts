// Setting up the shop the drill runs against: the throwaway cluster migrated, a known catalogue,
// fresh sandbox keys, and the environment `next start` gets.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { migrate } from "../migrate";

// TIMESTAMP(3) columns hold UTC without a zone (Prisma's convention): read them as UTC.
pg.types.setTypeParser(1114, (text: string) => new Date(`${text.replace(" ", "T")}Z`));

export interface Product {
  id: string;
  slug: string;
  price: number;
  stock: number;
  /** What shoppers actually buy; stock is held and checked per variant. */
  variants: { id: string; name: string; price: number; stock: number }[];
}

interface CatalogueEntry {
  slug: string;
  price: number;
  stock: number;
  /** Sizes with their own price and stock; without, the product's one default variant. */
  sizes?: { name: string; price: number; stock: number }[];
}

/**
 * Plenty of five products (one in two sizes, so variants of one product race each other), and one
 * scarce product whose last units late payments compete for.
 */
const CATALOGUE: CatalogueEntry[] = [
  { slug: "drill-assam", price: 34_900, stock: 1_000 },
  { slug: "drill-darjeeling", price: 89_900, stock: 1_000 },
  {
    slug: "drill-masala-chai",
    price: 24_900,
    stock: 1_000,
    sizes: [
      { name: "200 g", price: 24_900, stock: 500 },
      { name: "500 g", price: 54_900, stock: 500 },
    ],
  },
  { slug: "drill-kulhad-set", price: 59_900, stock: 1_000 },
  { slug: "drill-samosa-box", price: 19_900, stock: 1_000 },
];
export const SCARCE: CatalogueEntry = { slug: "drill-first-flush-reserve", price: 149_900, stock: 4 };

export async function prepareDatabase(url: string): Promise<{ products: Product[]; scarce: Product }> {
  await migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const seeded: Product[] = [];
    for (const { sizes, ...product } of [...CATALOGUE, SCARCE]) {
      const id = randomUUID();
      await client.query("BEGIN");
      await client.query(
        "INSERT INTO products (id, slug, name, description, price, currency, stock, image, updated_at) VALUES ($1, $2, $3, 'Stocked by the fault drill.', $4, 'INR', $5, '/products/test.svg', timezone('UTC', now()))",
        [id, product.slug, `Drill ${product.slug}`, product.price, product.stock],
      );
      for (const [position, size] of (sizes ?? []).entries()) {
        await client.query(
          "INSERT INTO product_variants (product_id, name, sku, price, stock, position, updated_at) VALUES ($1, $2, $3, $4, $5, $6, timezone('UTC', now()))",
          [id, size.name, `${product.slug}-${position}`, size.price, size.stock, position],
        );
      }
      // A product inserted without sizes gets its default variant at commit.
      await client.query("COMMIT");
      const variants = (await client.query<Product["variants"][number]>("SELECT id, name, price, stock FROM product_variants WHERE product_id = $1 ORDER BY position", [id])).rows;
      seeded.push({ id, ...product, variants });
    }
    return { products: seeded.slice(0, CATALOGUE.length), scarce: seeded[CATALOGUE.length] };
  } finally {
    await client.end();
  }
}

const secret = (length: number) => randomBytes(length).toString("hex").slice(0, length);

export function freshKeys() {
  return { keyId: `rzp_test_${secret(14)}`, keySecret: secret(24), webhookSecret: secret(24), cronSecret: secret(32), nextAuthSecret: secret(40), encryptionKey: randomBytes(32).toString("hex") };
}

export function appEnvironment(databaseUrl: string, sandboxUrl: string, keys: ReturnType<typeof freshKeys>, appUrl: string): Record<string, string> {
  return {
    // Sign-in is configured like any shop's; the drill signs nobody in.
    NEXTAUTH_SECRET: keys.nextAuthSecret,
    ENCRYPTION_KEY: keys.encryptionKey,
    NEXTAUTH_URL: appUrl,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: "10",
    RAZORPAY_KEY_ID: keys.keyId,
    RAZORPAY_KEY_SECRET: keys.keySecret,
    RAZORPAY_WEBHOOK_SECRET: keys.webhookSecret,
    RAZORPAY_SANDBOX_URL: sandboxUrl,
    // A production build talking to the sandbox must say it is a demo shop.
    SHOP_MODE: "demo",
    CRON_SECRET: keys.cronSecret,
    // Whole minutes only: the drill moves expires_at back for the orders it wants expired.
    ORDER_TTL_MINUTES: "30",
    RECONCILE_AFTER_MINUTES: "0",
    // Issue 8: ~280 checkouts from one address are a load test; the multiplier is refused with live keys.
    RATE_LIMIT_MULTIPLIER: "100",
  };
}
