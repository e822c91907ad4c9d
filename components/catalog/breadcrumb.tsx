import Link from "next/link";

/** "Shop / <this page>" above a collection or a product. */
export function Breadcrumb({ current }: { current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-6 text-sm text-stone-500">
      <ol className="flex items-center gap-2">
        <li>
          <Link href="/" className="hover:text-brand-800 hover:underline">
            Shop
          </Link>
        </li>
        <li aria-hidden="true">/</li>
        <li aria-current="page" className="truncate text-stone-700">
          {current}
        </li>
      </ol>
    </nav>
  );
}
