// Seeds the catalogue. Safe to re-run: products are matched by slug and variants by SKU, and the
// stock of a variant that already exists is left alone because orders and carts have been counting
// against it. A product's price and stock are the database's aggregates of its variants.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";

interface SeedProduct {
  slug: string;
  name: string;
  description: string;
  /** Integer paise. */
  price: number;
  stock: number;
  /**
   * Sizes or packs in picker order, each with its own price and stock. The one that is the product
   * as it was sold before variants keeps the product's slug as its SKU, so in a database whose
   * product got a default variant (the variants migration) that variant, and its stock, becomes
   * this one. Without a list, the product has one variant from price and stock.
   */
  variants?: { name: string; sku: string; price: number; stock: number }[];
  /**
   * GST: HSN code and rate in basis points (500 = 5%), as we read the rate schedules in force
   * after the GST Council's 56th meeting (effective 22 September 2025). Textile rates depend on the
   * price per piece (up to Rs 2,500: 5%; above: 18%), so a price change can change the rate.
   * A live shop confirms its classifications with its tax adviser.
   */
  hsnCode: string;
  gstRateBasisPoints: number;
}

const products: SeedProduct[] = [
  {
    slug: "assam-breakfast-tea",
    name: "Assam Breakfast Tea",
    description: "Malty, brisk second-flush leaf from a family estate in upper Assam. Brews a deep amber cup that stands up to milk and sugar, just right for the first chai of the day.",
    price: 34_900,
    stock: 40,
    variants: [
      { name: "100 g", sku: "assam-breakfast-tea-100g", price: 15_900, stock: 30 },
      { name: "250 g", sku: "assam-breakfast-tea", price: 34_900, stock: 40 },
      { name: "500 g", sku: "assam-breakfast-tea-500g", price: 64_900, stock: 0 },
    ],
    // tea, black (fermented): HSN 0902, 5% (Schedule I)
    hsnCode: "0902",
    gstRateBasisPoints: 500,
  },
  {
    slug: "darjeeling-first-flush",
    name: "Darjeeling First Flush, 100 g",
    description: "Spring-picked whole leaf from the hills around Kurseong, with the muscatel brightness Darjeeling is known for. Best brewed light and drunk without milk.",
    price: 89_900,
    stock: 15,
    hsnCode: "0902",
    gstRateBasisPoints: 500,
  },
  {
    slug: "masala-chai-blend",
    name: "Masala Chai Blend",
    description: "Strong CTC tea with green cardamom, ginger, cinnamon, clove and black pepper, blended in small batches. Simmer with milk for a proper roadside-stall chai at home.",
    price: 29_900,
    stock: 60,
    variants: [
      { name: "200 g", sku: "masala-chai-blend", price: 29_900, stock: 60 },
      { name: "500 g", sku: "masala-chai-blend-500g", price: 67_900, stock: 25 },
    ],
    // tea with spices still classifies as tea (0902), 5%
    hsnCode: "0902",
    gstRateBasisPoints: 500,
  },
  {
    slug: "kashmiri-saffron",
    name: "Kashmiri Saffron, 2 g",
    description: "Hand-separated Mongra threads from the fields of Pampore, deep crimson and intensely fragrant. A few strands colour a whole pot of biryani or kheer.",
    price: 149_900,
    stock: 1,
    // saffron: 0910 20, 5%
    hsnCode: "091020",
    gstRateBasisPoints: 500,
  },
  {
    slug: "garam-masala",
    name: "Hand-pounded Garam Masala, 100 g",
    description: "Whole spices dry-roasted and pounded in a stone mortar the old way, then sealed the same week. Warm, aromatic and never dusty; a pinch finishes any curry.",
    price: 24_900,
    stock: 80,
    // mixtures of spices: 0910 91, 5%
    hsnCode: "091091",
    gstRateBasisPoints: 500,
  },
  {
    slug: "tellicherry-black-pepper",
    name: "Tellicherry Black Pepper, 150 g",
    description: "Extra-bold peppercorns from the Malabar coast, left on the vine longer for a fruity, resinous heat. Grind fresh over eggs, rasam or a simple dal.",
    price: 19_900,
    stock: 45,
    // pepper, neither crushed nor ground: 0904 11, 5%
    hsnCode: "090411",
    gstRateBasisPoints: 500,
  },
  {
    slug: "bikaneri-bhujia",
    name: "Bikaneri Bhujia, 400 g",
    description: "Crisp moth-bean and gram-flour sev, seasoned with black pepper and a little clove, as made in Bikaner for generations. The tea-time snack that disappears fastest.",
    price: 14_900,
    stock: 120,
    // namkeen, bhujia (pre-packaged and labelled): 2106 90, 12% until 21 Sept 2025, 5% from 22 Sept 2025 (56th GST Council; cleartax.in/s/gst-on-namkeen-savouries)
    hsnCode: "210690",
    gstRateBasisPoints: 500,
  },
  {
    slug: "kerala-banana-chips",
    name: "Kerala Banana Chips, 250 g",
    description: "Thin slices of raw Nendran banana fried in coconut oil and lightly salted. Golden, crunchy and faintly sweet, straight from a Thrissur kitchen.",
    price: 17_900,
    stock: 70,
    // fried banana chips are 'fruit otherwise prepared' (2008), 12% → 5% from 22 Sept 2025 (GST 2.0; verify with your adviser)
    hsnCode: "200899",
    gstRateBasisPoints: 500,
  },
  {
    slug: "jaipur-blue-pottery-mug",
    name: "Jaipur Blue Pottery Mug",
    description: "Hand-painted in Jaipur's signature cobalt and turquoise on a quartz-based body, so no two are alike. Holds a generous 300 ml of chai or coffee.",
    price: 64_900,
    stock: 18,
    // ceramic tableware and kitchenware: 6912, 12% → 5% from 22 Sept 2025 (GST 2.0; verify)
    hsnCode: "6912",
    gstRateBasisPoints: 500,
  },
  {
    slug: "khurja-serving-bowl",
    name: "Khurja Glazed Serving Bowl",
    description: "A wide stoneware bowl from the potteries of Khurja, finished in a mustard glaze with a hand-trailed rim. Sized for a family portion of dal or a tumble of fruit.",
    price: 129_900,
    stock: 9,
    hsnCode: "6912",
    gstRateBasisPoints: 500,
  },
  {
    slug: "terracotta-kulhad-set",
    name: "Terracotta Kulhads",
    description: "Wheel-thrown, sun-dried and kiln-fired clay cups that lend chai a faint earthy sweetness. Rinse before first use; they get better with every cup.",
    price: 39_900,
    stock: 25,
    variants: [
      { name: "Set of 6", sku: "terracotta-kulhad-set", price: 39_900, stock: 25 },
      { name: "Set of 12", sku: "terracotta-kulhad-set-12", price: 74_900, stock: 10 },
    ],
    hsnCode: "6912",
    gstRateBasisPoints: 500,
  },
  {
    slug: "sanganeri-table-runner",
    name: "Sanganeri Block-Print Table Runner",
    description: "Cotton runner printed by hand with carved teak blocks and natural dyes in Sanganer. Delicate floral buti in madder red and indigo on a soft ivory ground.",
    price: 119_900,
    stock: 14,
    // table linen: 6302; textile made-ups up to Rs 2,500 a piece are 5% (GST 2.0), this one is Rs 1,199
    hsnCode: "6302",
    gstRateBasisPoints: 500,
  },
  {
    slug: "kantha-throw",
    name: "Kantha Stitch Throw",
    description: "Layers of soft cotton saris quilted together with running kantha stitches by artisans in West Bengal. Reversible, lightweight and made to be used every day.",
    price: 349_900,
    stock: 0,
    // other furnishing articles: 6304; made-ups above Rs 2,500 a piece are 18% from 22 Sept 2025 (GST 2.0)
    hsnCode: "6304",
    gstRateBasisPoints: 1800,
  },
  {
    slug: "pashmina-stole",
    name: "Handwoven Pashmina Stole",
    description: "Fine Changthangi pashmina spun and woven by hand in Srinagar, warm yet feather-light. Finished with a narrow woven border in a deep walnut tone.",
    price: 499_900,
    stock: 3,
    // shawls and stoles: 6214; above Rs 2,500 a piece 18% from 22 Sept 2025 (GST 2.0)
    hsnCode: "6214",
    gstRateBasisPoints: 1800,
  },
];

interface SeedCollection {
  slug: string;
  name: string;
  description: string;
  /** Product slugs, in the collection's own ("featured") order. */
  products: string[];
}

const collections: SeedCollection[] = [
  {
    slug: "tea",
    name: "Tea",
    description: "Estate teas from Assam and Darjeeling and our own masala chai, packed the week they are blended.",
    products: ["masala-chai-blend", "assam-breakfast-tea", "darjeeling-first-flush"],
  },
  {
    slug: "spices",
    name: "Spices",
    description: "Whole and hand-pounded spices from the farms and kitchens that grow and grind them.",
    products: ["kashmiri-saffron", "garam-masala", "tellicherry-black-pepper", "masala-chai-blend"],
  },
  {
    slug: "snacks",
    name: "Snacks",
    description: "Namkeen and chips for tea time, made in small batches in Bikaner and Thrissur.",
    products: ["bikaneri-bhujia", "kerala-banana-chips"],
  },
  {
    slug: "tea-time",
    name: "Tea time",
    description: "Everything for a proper cup: chai, something crunchy on the side and a kulhad or mug to drink from.",
    products: ["masala-chai-blend", "terracotta-kulhad-set", "bikaneri-bhujia", "jaipur-blue-pottery-mug", "kerala-banana-chips", "assam-breakfast-tea"],
  },
  {
    slug: "pottery",
    name: "Pottery",
    description: "Hand-thrown and hand-painted pieces from the potters of Jaipur, Khurja and Bengal's clay villages.",
    products: ["jaipur-blue-pottery-mug", "terracotta-kulhad-set", "khurja-serving-bowl"],
  },
  {
    slug: "textiles",
    name: "Textiles",
    description: "Block prints, kantha and pashmina, woven, stitched and printed by hand.",
    products: ["sanganeri-table-runner", "pashmina-stole", "kantha-throw"],
  },
];

async function main(): Promise<void> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
  try {
    const existing = new Set((await prisma.product.findMany({ select: { slug: true } })).map((product) => product.slug));
    for (const [position, { slug, name, description, price, stock, variants, hsnCode, gstRateBasisPoints }] of products.entries()) {
      const image = `/products/${slug}.svg`;
      const sizes = variants ?? [{ name: "Standard", sku: slug, price, stock }];
      await prisma.$transaction(async (tx) => {
        const product = await tx.product.upsert({
          where: { slug },
          create: { slug, name, description, price, currency: "INR", stock, image, hsnCode, gstRateBasisPoints, position },
          update: { name, description, image, hsnCode, gstRateBasisPoints, position },
        });
        for (const [rank, variant] of sizes.entries()) {
          await tx.productVariant.upsert({
            where: { sku: variant.sku },
            create: { productId: product.id, name: variant.name, sku: variant.sku, price: variant.price, stock: variant.stock, position: rank },
            update: { name: variant.name, price: variant.price, position: rank },
          });
        }
      });
    }
    const productIds = new Map((await prisma.product.findMany({ select: { id: true, slug: true } })).map((product) => [product.slug, product.id]));
    for (const [position, { slug, name, description, products: members }] of collections.entries()) {
      const collection = await prisma.collection.upsert({ where: { slug }, create: { slug, name, description, position }, update: { name, description, position } });
      for (const [rank, productSlug] of members.entries()) {
        const productId = productIds.get(productSlug);
        if (!productId) throw new Error(`Collection ${slug} lists ${productSlug}, which is not a seeded product`);
        await prisma.productCollection.upsert({
          where: { collectionId_productId: { collectionId: collection.id, productId } },
          create: { collectionId: collection.id, productId, position: rank },
          update: { position: rank },
        });
      }
    }
    const created = products.filter((product) => !existing.has(product.slug)).length;
    console.log(`Seeded products: ${created} created, ${products.length - created} updated (stock of existing variants left unchanged); ${collections.length} collections.`);
  } finally {
    await prisma.$disconnect();
  }
}

await main();
