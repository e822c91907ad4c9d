-- GST (issue 10): HSN code and rate per product, the tax breakdown stored on orders at purchase,
-- and tax invoices / credit notes numbered without gaps per financial year (lib/tax).

CREATE TYPE "supply_type" AS ENUM ('intra_state', 'inter_state');
CREATE TYPE "tax_document_kind" AS ENUM ('invoice', 'credit_note');

-- Products: rate in basis points (500 = 5%). Goods nobody classified yet are taxed at the general 18%.
ALTER TABLE "products" ADD COLUMN "hsn_code" TEXT, ADD COLUMN "gst_rate_bp" INTEGER NOT NULL DEFAULT 1800;
ALTER TABLE "products" ADD CONSTRAINT "products_hsn_code_format" CHECK ("hsn_code" IS NULL OR "hsn_code" ~ '^[0-9]{4}([0-9]{2}){0,2}$');
ALTER TABLE "products" ADD CONSTRAINT "products_gst_rate_range" CHECK ("gst_rate_bp" BETWEEN 0 AND 4000);

-- Order lines: the snapshot. Null on lines placed before this migration; once set, the parts add
-- up to the line total, and tax is either CGST+SGST or IGST, never both.
ALTER TABLE "order_items"
  ADD COLUMN "hsn_code" TEXT,
  ADD COLUMN "gst_rate_bp" INTEGER,
  ADD COLUMN "taxable_value" INTEGER,
  ADD COLUMN "cgst" INTEGER,
  ADD COLUMN "sgst" INTEGER,
  ADD COLUMN "igst" INTEGER;
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_tax_adds_up" CHECK (
  ("gst_rate_bp" IS NULL AND "taxable_value" IS NULL AND "cgst" IS NULL AND "sgst" IS NULL AND "igst" IS NULL)
  OR ("gst_rate_bp" BETWEEN 0 AND 4000 AND "taxable_value" >= 0 AND "cgst" >= 0 AND "sgst" >= 0 AND "igst" >= 0
      AND "taxable_value" + "cgst" + "sgst" + "igst" = "line_total"
      AND ("igst" = 0 OR ("cgst" = 0 AND "sgst" = 0)))
);

ALTER TABLE "orders"
  ADD COLUMN "supply_type" "supply_type",
  ADD COLUMN "shipping_gst_rate_bp" INTEGER,
  ADD COLUMN "shipping_taxable_value" INTEGER,
  ADD COLUMN "shipping_cgst" INTEGER,
  ADD COLUMN "shipping_sgst" INTEGER,
  ADD COLUMN "shipping_igst" INTEGER;
ALTER TABLE "orders" ADD CONSTRAINT "orders_shipping_tax_adds_up" CHECK (
  ("supply_type" IS NULL AND "shipping_gst_rate_bp" IS NULL AND "shipping_taxable_value" IS NULL AND "shipping_cgst" IS NULL AND "shipping_sgst" IS NULL AND "shipping_igst" IS NULL)
  OR ("shipping_gst_rate_bp" BETWEEN 0 AND 4000 AND "shipping_taxable_value" >= 0 AND "shipping_cgst" >= 0 AND "shipping_sgst" >= 0 AND "shipping_igst" >= 0
      AND "shipping_taxable_value" + "shipping_cgst" + "shipping_sgst" + "shipping_igst" = "shipping"
      AND (CASE "supply_type" WHEN 'intra_state' THEN "shipping_igst" = 0 ELSE "shipping_cgst" = 0 AND "shipping_sgst" = 0 END))
);

CREATE TABLE "tax_documents" (
    "id" UUID NOT NULL,
    "kind" "tax_document_kind" NOT NULL,
    "financial_year" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "order_id" UUID NOT NULL,
    "refund_id" UUID,
    "issued_at" TIMESTAMP(3) NOT NULL,
    "seller" JSONB NOT NULL,
    "amount" INTEGER NOT NULL,
    "taxable_value" INTEGER NOT NULL,
    "cgst" INTEGER NOT NULL,
    "sgst" INTEGER NOT NULL,
    "igst" INTEGER NOT NULL,
    CONSTRAINT "tax_documents_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "tax_documents_financial_year_format" CHECK ("financial_year" ~ '^[0-9]{4}-[0-9]{2}$'),
    CONSTRAINT "tax_documents_sequence_range" CHECK ("sequence" BETWEEN 1 AND 999999),
    -- GST rule 46(b): a serial number of at most 16 characters.
    CONSTRAINT "tax_documents_number_length" CHECK (char_length("number") <= 16),
    CONSTRAINT "tax_documents_amounts_add_up" CHECK ("amount" > 0 AND "taxable_value" >= 0 AND "cgst" >= 0 AND "sgst" >= 0 AND "igst" >= 0
      AND "taxable_value" + "cgst" + "sgst" + "igst" = "amount"),
    CONSTRAINT "tax_documents_number_matches" CHECK ("number" = (CASE "kind" WHEN 'invoice' THEN 'INV' ELSE 'CN' END) || '/' || substr("financial_year", 3) || '/' || lpad("sequence"::text, 6, '0')),
    -- An invoice is for an order; a credit note is for a refund of it.
    CONSTRAINT "tax_documents_refund_iff_credit_note" CHECK (("kind" = 'credit_note') = ("refund_id" IS NOT NULL))
);

CREATE UNIQUE INDEX "tax_documents_number_key" ON "tax_documents"("number");
CREATE UNIQUE INDEX "tax_documents_refund_id_key" ON "tax_documents"("refund_id");
CREATE UNIQUE INDEX "tax_documents_kind_financial_year_sequence_key" ON "tax_documents"("kind", "financial_year", "sequence");
CREATE INDEX "tax_documents_order_id_idx" ON "tax_documents"("order_id");
-- Exactly one invoice per order, whatever races to pay it.
CREATE UNIQUE INDEX "tax_documents_one_invoice_per_order" ON "tax_documents"("order_id") WHERE "kind" = 'invoice';

ALTER TABLE "tax_documents" ADD CONSTRAINT "tax_documents_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "tax_documents" ADD CONSTRAINT "tax_documents_refund_id_fkey" FOREIGN KEY ("refund_id") REFERENCES "refunds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Issued documents are records the law asks us to keep as issued: never changed, never deleted.
CREATE FUNCTION "tax_documents_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'tax documents are append-only (% on %)', TG_OP, OLD."number";
END;
$$;
CREATE TRIGGER "tax_documents_append_only" BEFORE UPDATE OR DELETE ON "tax_documents"
  FOR EACH ROW EXECUTE FUNCTION "tax_documents_immutable"();

CREATE TABLE "tax_document_counters" (
    "kind" "tax_document_kind" NOT NULL,
    "financial_year" TEXT NOT NULL,
    "last" INTEGER NOT NULL,
    CONSTRAINT "tax_document_counters_pkey" PRIMARY KEY ("kind", "financial_year"),
    CONSTRAINT "tax_document_counters_last_positive" CHECK ("last" >= 1)
);
