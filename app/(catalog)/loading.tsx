import { CatalogSkeleton } from "@/components/ui/skeletons";

/**
 * In its own route group so that it wraps only the catalogue: a loading boundary above the
 * product and order pages would start streaming before they can call notFound(), and their
 * 404s would go out as 200s.
 */
export default function Loading() {
  return <CatalogSkeleton />;
}
