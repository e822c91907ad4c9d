import { describe, expect, it } from "vitest";
import { DEFAULT_PAGE_SIZE, listingHref, listingQueryFromPage } from "@/lib/catalog/query";
import { highlightPieces, searchWords } from "@/lib/catalog/search";

describe("a listing's URL", () => {
  it("a page keeps the valid parameters of a shared link and names the ones it ignores", () => {
    const { query, ignored } = listingQueryFromPage({ q: "chai", sort: "cheapest", pageSize: "500", inStock: "true", minPrice: "100" });
    expect(query).toMatchObject({ q: "chai", sort: "featured", pageSize: DEFAULT_PAGE_SIZE, inStock: true, minPrice: 100 });
    expect(ignored.sort()).toEqual(["pageSize", "sort"]);
  });

  it("links leave defaults out and start a changed filter from page 1 only when asked", () => {
    const { query } = listingQueryFromPage({ collection: "tea", sort: "price_asc", page: "3" });
    expect(listingHref("/", query)).toBe("/?collection=tea&sort=price_asc&page=3");
    expect(listingHref("/", query, { page: 1 })).toBe("/?collection=tea&sort=price_asc");
  });
});

describe("search text", () => {
  it("keeps only letters and digits, so nothing reaches tsquery syntax", () => {
    expect(searchWords("Darj' & !chai:* | (tea)")).toEqual(["darj", "chai", "tea"]);
  });

  it("splits a highlight into marked and plain text", () => {
    expect(highlightPieces("a \u0001b\u0002 c")).toEqual([
      { text: "a ", match: false },
      { text: "b", match: true },
      { text: " c", match: false },
    ]);
  });
});
