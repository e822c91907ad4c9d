-- Product variants (issue 10): a product is sold in sizes or packs, each with its own price and
-- stock. products.price and products.stock stay, as aggregates the database keeps from the
-- variants (lowest price, total stock) so the catalogue can sort and filter on them.

CREATE TABLE "product_variants" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "product_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "stock" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "product_variants_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "product_variants_price_positive" CHECK ("price" > 0),
    CONSTRAINT "product_variants_stock_not_negative" CHECK ("stock" >= 0),
    CONSTRAINT "product_variants_name_not_blank" CHECK (btrim("name") <> '')
);

CREATE UNIQUE INDEX "product_variants_sku_key" ON "product_variants"("sku");
CREATE UNIQUE INDEX "product_variants_id_product_id_key" ON "product_variants"("id", "product_id");
CREATE INDEX "product_variants_product_id_position_idx" ON "product_variants"("product_id", "position");

ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One default variant per existing product, carrying its price and stock (sku = the slug).
INSERT INTO "product_variants" ("product_id", "name", "sku", "price", "stock", "position", "updated_at")
SELECT "id", 'Standard', "slug", "price", "stock", 0, timezone('UTC', now()) FROM "products";

-- Cart lines hold variants: re-key (cart_id, product_id) -> (cart_id, variant_id).
ALTER TABLE "cart_items" ADD COLUMN "variant_id" UUID;
UPDATE "cart_items" c SET "variant_id" = v."id" FROM "product_variants" v WHERE v."product_id" = c."product_id";
ALTER TABLE "cart_items" DROP CONSTRAINT "cart_items_product_id_fkey";
ALTER TABLE "cart_items" DROP CONSTRAINT "cart_items_pkey";
ALTER TABLE "cart_items" DROP COLUMN "product_id";
ALTER TABLE "cart_items" ALTER COLUMN "variant_id" SET NOT NULL;
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_pkey" PRIMARY KEY ("cart_id", "variant_id");
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "product_variants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Order lines name the variant bought; (variant_id, product_id) must be a real pair.
ALTER TABLE "order_items" ADD COLUMN "variant_id" UUID, ADD COLUMN "variant_name" TEXT;
UPDATE "order_items" i SET "variant_id" = v."id" FROM "product_variants" v WHERE v."product_id" = i."product_id";
ALTER TABLE "order_items" ALTER COLUMN "variant_id" SET NOT NULL;
DROP INDEX "order_items_order_id_product_id_key";
CREATE UNIQUE INDEX "order_items_order_id_variant_id_key" ON "order_items"("order_id", "variant_id");
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_variant_id_product_id_fkey" FOREIGN KEY ("variant_id", "product_id") REFERENCES "product_variants"("id", "product_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- products.price / products.stock = min(variant price) / sum(variant stock), recomputed by the
-- database after every change of a variant, so no code path can let them drift.
CREATE FUNCTION "product_aggregates_refresh"(product uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE "products" p SET "price" = a."price", "stock" = a."stock", "updated_at" = timezone('UTC', now())
  FROM (SELECT min("price") AS "price", sum("stock")::integer AS "stock" FROM "product_variants" WHERE "product_id" = product) a
  WHERE p."id" = product AND a."price" IS NOT NULL AND (p."price", p."stock") IS DISTINCT FROM (a."price", a."stock");
$$;

CREATE FUNCTION "product_variants_refresh_product"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM "product_aggregates_refresh"(OLD."product_id"); END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."product_id" <> OLD."product_id") THEN PERFORM "product_aggregates_refresh"(NEW."product_id"); END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "product_variants_keep_product_aggregates"
  AFTER INSERT OR DELETE OR UPDATE OF "price", "stock", "product_id" ON "product_variants"
  FOR EACH ROW EXECUTE FUNCTION "product_variants_refresh_product"();

-- A direct write of the aggregates (not from the trigger above) is refused once variants exist:
-- stock and prices are changed on the variants.
CREATE FUNCTION "products_aggregates_are_derived"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() = 1 AND EXISTS (SELECT 1 FROM "product_variants" WHERE "product_id" = NEW."id") THEN
    RAISE EXCEPTION 'products.price and products.stock are kept from product_variants: change the variants instead'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'products_aggregates_from_variants';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "products_aggregates_from_variants"
  BEFORE UPDATE OF "price", "stock" ON "products"
  FOR EACH ROW WHEN (NEW."price" IS DISTINCT FROM OLD."price" OR NEW."stock" IS DISTINCT FROM OLD."stock")
  EXECUTE FUNCTION "products_aggregates_are_derived"();

-- Every product has at least one variant: one inserted without any gets its default variant at
-- commit (from the price and stock it was inserted with), and the last variant cannot be deleted.
CREATE FUNCTION "products_ensure_variant"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "product_variants" ("product_id", "name", "sku", "price", "stock", "position", "updated_at")
  SELECT p."id", 'Standard', p."slug", p."price", p."stock", 0, timezone('UTC', now()) FROM "products" p
  WHERE p."id" = NEW."id" AND NOT EXISTS (SELECT 1 FROM "product_variants" v WHERE v."product_id" = p."id");
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "products_have_a_variant"
  AFTER INSERT ON "products" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "products_ensure_variant"();

CREATE FUNCTION "product_variants_keep_one"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "products" WHERE "id" = OLD."product_id")
     AND NOT EXISTS (SELECT 1 FROM "product_variants" WHERE "product_id" = OLD."product_id") THEN
    RAISE EXCEPTION 'product % would have no variant left', OLD."product_id"
      USING ERRCODE = 'check_violation', CONSTRAINT = 'products_have_a_variant';
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "product_variants_last_one_stays"
  AFTER DELETE OR UPDATE OF "product_id" ON "product_variants" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "product_variants_keep_one"();
