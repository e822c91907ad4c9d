import { MAX_QUERY_LENGTH } from "@/lib/catalog/query";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

/** A plain GET form to /search: it works before (and without) JavaScript. */
export function SearchField({ id, defaultValue = "", className = "", compact = false }: { id: string; defaultValue?: string; className?: string; compact?: boolean }) {
  return (
    <form action="/search" method="get" role="search" aria-label={compact ? "Search the shop" : "Search again"} className={`flex items-center gap-2 ${className}`}>
      <label htmlFor={id} className="sr-only">
        Search the shop
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue}
        maxLength={MAX_QUERY_LENGTH}
        placeholder={compact ? "Search" : "Search teas, spices, pottery…"}
        autoComplete="off"
        enterKeyHint="search"
        className={`${inputStyles} w-full min-w-0 ${compact ? "py-2" : ""}`}
      />
      <button type="submit" className={`${compact ? buttonStyles.secondary : buttonStyles.primary} shrink-0 ${compact ? "px-3 py-2" : ""}`}>
        Search
      </button>
    </form>
  );
}
