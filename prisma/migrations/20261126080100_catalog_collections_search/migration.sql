-- Collections, search and the catalogue cache's invalidation log (issues 9 and 10).

-- Trigram matching for typo-tolerant search; trusted since PostgreSQL 13, and bundled with PGlite
-- (scripts/embedded-postgres.ts loads it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The shop's own order, for the "featured" sort.
ALTER TABLE "products" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "collections" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "collections_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "collections_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
CREATE UNIQUE INDEX "collections_slug_key" ON "collections"("slug");

CREATE TABLE "product_collections" (
    "collection_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "product_collections_pkey" PRIMARY KEY ("collection_id","product_id")
);
CREATE INDEX "product_collections_product_id_idx" ON "product_collections"("product_id");
ALTER TABLE "product_collections" ADD CONSTRAINT "product_collections_collection_id_fkey" FOREIGN KEY ("collection_id") REFERENCES "collections"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "product_collections" ADD CONSTRAINT "product_collections_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Search (lib/catalog/search.ts). The document is stored, so ranking thousands of matches reads it
-- instead of parsing every description again; names weigh more than descriptions. The trigram
-- index serves misspelt words and is an expression index: the query writes the same expression.
ALTER TABLE "products" ADD COLUMN "search_document" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "name"), 'A') || setweight(to_tsvector('english'::regconfig, "description"), 'B')) STORED;
CREATE INDEX "products_search_document_idx" ON "products" USING GIN ("search_document");
CREATE INDEX "products_search_text_trgm_idx" ON "products" USING GIN (("name" || ' ' || "description") gin_trgm_ops);

-- Sorts and the price filter, so a page of 10,000 products is an index walk, not a sort.
CREATE INDEX "products_price_idx" ON "products"("price", "id");
CREATE INDEX "products_created_at_idx" ON "products"("created_at" DESC, "id");
-- "featured": what can be bought first, then the shop's order (lib/catalog/products.ts).
CREATE INDEX "products_featured_idx" ON "products"(("stock" = 0), "position", "name", "id");

-- What the catalogue's cache must forget. Triggers append the cache tags a change makes stale, in
-- the transaction that makes it (so nothing is announced that did not commit); every app instance
-- reads the log about once a second (lib/catalog/cache-handler.mjs), whoever made the change: an
-- app instance, the worker process, an admin script.
CREATE TABLE "catalog_invalidations" (
    "id" BIGSERIAL NOT NULL,
    "tags" TEXT[] NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT clock_timestamp(),

    CONSTRAINT "catalog_invalidations_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "catalog_invalidations_created_at_idx" ON "catalog_invalidations"("created_at");

-- The stock a page can show: the badge says "Only N left" up to 5 and the quantity menu offers up
-- to 10 (MAX_QUANTITY_PER_LINE), so 37 and 36 look the same. lib/catalog/stock.ts holds the same
-- cap (tests/integration/catalog-cache.test.ts compares them).
CREATE FUNCTION catalog_shown_stock(stock INTEGER) RETURNS INTEGER LANGUAGE sql IMMUTABLE AS $$ SELECT least(stock, 10) $$;

-- A sale takes stock on every order: only a change a shopper can see is announced. Listings are
-- told when what they list or its order can change (in stock or not, price, name, position).
CREATE FUNCTION catalog_product_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed_tags TEXT[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    changed_tags := ARRAY['product:' || NEW.id, 'catalog:listings'];
  ELSIF TG_OP = 'DELETE' THEN
    changed_tags := ARRAY['product:' || OLD.id, 'catalog:listings'];
  ELSIF (NEW.slug, NEW.name, NEW.description, NEW.price, NEW.currency, NEW.image, NEW.position) IS DISTINCT FROM (OLD.slug, OLD.name, OLD.description, OLD.price, OLD.currency, OLD.image, OLD.position)
     OR (NEW.stock = 0) IS DISTINCT FROM (OLD.stock = 0) THEN
    changed_tags := ARRAY['product:' || NEW.id, 'catalog:listings'];
  ELSIF catalog_shown_stock(NEW.stock) IS DISTINCT FROM catalog_shown_stock(OLD.stock) THEN
    changed_tags := ARRAY['product:' || NEW.id];
  ELSE
    RETURN NULL;
  END IF;
  INSERT INTO catalog_invalidations (tags) VALUES (changed_tags);
  RETURN NULL;
END $$;
CREATE TRIGGER "products_catalog_invalidation" AFTER INSERT OR UPDATE OR DELETE ON "products" FOR EACH ROW EXECUTE FUNCTION catalog_product_changed();

-- Collections show in the header of every page and decide what a collection page lists.
CREATE FUNCTION catalog_collections_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalog_invalidations (tags) VALUES (ARRAY['catalog:collections', 'catalog:listings']);
  RETURN NULL;
END $$;
CREATE TRIGGER "collections_catalog_invalidation" AFTER INSERT OR UPDATE OR DELETE ON "collections" FOR EACH STATEMENT EXECUTE FUNCTION catalog_collections_changed();
CREATE TRIGGER "product_collections_catalog_invalidation" AFTER INSERT OR UPDATE OR DELETE ON "product_collections" FOR EACH STATEMENT EXECUTE FUNCTION catalog_collections_changed();
